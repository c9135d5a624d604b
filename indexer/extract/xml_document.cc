#include "indexer/extract/xml_document.h"

#include <string>

namespace quarry::indexer {

StatusOr<std::unique_ptr<pugi::xml_document>> ParseXml(std::string_view path,
                                                       std::string_view member,
                                                       std::string_view xml) {
  auto doc = std::make_unique<pugi::xml_document>();
  const pugi::xml_parse_result result =
      doc->load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) {
    return DataLossError(std::string(path) + ": damaged XML in " + std::string(member) + " (" +
                         result.description() + " at byte " + std::to_string(result.offset) + ")");
  }
  return doc;
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child) == local) return child;
  }
  return {};
}

std::string_view Attribute(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    const size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local) return a.value();
  }
  return {};
}

pugi::xml_node FindElement(const pugi::xml_node& node, std::string_view local) {
  if (node.type() == pugi::node_element && LocalName(node) == local) return node;
  pugi::xml_node found;
  WalkXml(
      node,
      [&](const pugi::xml_node& n) {
        if (!found && n.type() == pugi::node_element && LocalName(n) == local) found = n;
        return !found;
      },
      [](const pugi::xml_node&) {});
  return found;
}

}  // namespace quarry::indexer
