#include "indexer/extract/text_collector.h"

#include <gtest/gtest.h>

namespace quarry::indexer {
namespace {

TEST(TextCollectorTest, BlanksCollapseAndBlocksEndLines) {
  TextCollector text;
  text.AddText("  The  heron\n waits ");
  text.AddText("by the reeds.");
  text.Break();
  text.Break();  // an empty line is not started
  text.AddText("cell one");
  text.EndCell();
  text.EndCell();  // no empty cell
  text.AddText("cell two");
  text.EndCell();
  text.Break();  // the row's last tab goes
  text.AddVerbatim("a\ttab");
  text.BreakParagraph();
  text.BreakParagraph();
  text.AddText("end");
  EXPECT_EQ(text.Take(), "The heron waits by the reeds.\ncell one\tcell two\na\ttab\n\nend");
  EXPECT_TRUE(text.empty());
}

TEST(TextCollectorTest, OneLineJoinsLines) {
  EXPECT_EQ(OneLine("  About  herons\n and egrets\t"), "About herons and egrets");
  EXPECT_EQ(OneLine(""), "");
}

}  // namespace
}  // namespace quarry::indexer
