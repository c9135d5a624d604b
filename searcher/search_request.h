// File: searcher/search_request.h
// Everything one quarry-search run needs, validated; built by options.cc.
#ifndef QUARRY_SEARCHER_SEARCH_REQUEST_H_
#define QUARRY_SEARCHER_SEARCH_REQUEST_H_

#include <string>

#include "searcher/rank/ranker.h"
#include "searcher/rank/snippet.h"
#include "searcher/render/printer.h"

namespace quarry::searcher {

struct SearchRequest {
  std::string db_path;
  std::string query;  // as typed: the words joined by spaces
  PageRequest page;
  PrinterOptions printer;
  SnippetOptions snippet;
};

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_SEARCH_REQUEST_H_
