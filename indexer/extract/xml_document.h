// File: indexer/extract/xml_document.h
// XML parts of document packages (office files, e-books) parsed with
// pugixml, the one XML library of the indexer: a DOM of the part, and
// names compared without their namespace prefix (writers choose prefixes
// freely: "w:p" and "ns0:p" are one element). pugixml never reads a DTD,
// so no entity of a hostile file expands (no "billion laughs", no
// external entities); only the five XML entities and character references
// are decoded.
#ifndef QUARRY_INDEXER_EXTRACT_XML_DOCUMENT_H_
#define QUARRY_INDEXER_EXTRACT_XML_DOCUMENT_H_

#include <pugixml.hpp>

#include <memory>
#include <string_view>

#include "common/status.h"

namespace quarry::indexer {

// The parsed part `member` of the file `path`, whose bytes are `xml`.
// Whitespace-only text is kept (a run of " " between two words is text in
// office formats). DataLoss, naming both, when it is not well-formed XML.
StatusOr<std::unique_ptr<pugi::xml_document>> ParseXml(std::string_view path,
                                                       std::string_view member,
                                                       std::string_view xml);

// An element's name without its namespace prefix: "p" for "w:p".
std::string_view LocalName(const pugi::xml_node& node);

// The first child element of `node` named `local` (any prefix); an empty
// node when there is none.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local);

// The value of `node`'s attribute named `local` (any prefix); "" when absent.
std::string_view Attribute(const pugi::xml_node& node, std::string_view local);

// The first element named `local` in document order under `node` (depth
// first, `node` itself included); an empty node when there is none.
pugi::xml_node FindElement(const pugi::xml_node& node, std::string_view local);

// Visits the nodes under `root` (not `root` itself) in document order,
// without recursion (a hostile file may nest elements a million deep):
// `enter(node)` is called on each node (elements, text, CDATA) and returns
// whether to visit its children; `leave(node)` is called after an
// element's children (also when they were not visited).
template <typename Enter, typename Leave>
void WalkXml(const pugi::xml_node& root, Enter&& enter, Leave&& leave) {
  pugi::xml_node node = root.first_child();
  while (node) {
    if (enter(node) && node.first_child()) {
      node = node.first_child();
      continue;
    }
    // Leave this node, and every ancestor whose last child it was.
    for (;;) {
      if (node.type() == pugi::node_element) leave(node);
      if (node.next_sibling()) {
        node = node.next_sibling();
        break;
      }
      node = node.parent();
      if (!node || node == root) return;
    }
  }
}

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_XML_DOCUMENT_H_
