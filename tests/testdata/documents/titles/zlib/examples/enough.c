#include <stdio.h>
/* huffmantables */
int main(void) { return 0; }
