#include "indexer/extract/xml_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;
using ::testing::HasSubstr;

TEST(XmlDocumentTest, NamesAreComparedWithoutTheirPrefix) {
  ASSERT_OK_AND_ASSIGN(auto doc, ParseXml("/a.docx", "word/document.xml",
                                          "<w:document xmlns:w='x'><w:body><ns0:p ns0:val='v' id='7'>"
                                          "<w:t> </w:t></ns0:p></w:body></w:document>"));
  pugi::xml_node body = Child(doc->document_element(), "body");
  ASSERT_TRUE(body);
  pugi::xml_node p = FindElement(*doc, "p");
  ASSERT_TRUE(p);
  EXPECT_EQ(LocalName(p), "p");
  EXPECT_EQ(Attribute(p, "val"), "v");
  EXPECT_EQ(Attribute(p, "id"), "7");
  EXPECT_EQ(Attribute(p, "none"), "");
  EXPECT_FALSE(Child(body, "none"));
  EXPECT_FALSE(FindElement(*doc, "tbl"));
  // A space alone between two runs is text.
  EXPECT_EQ(std::string(Child(p, "t").child_value()), " ");
}

TEST(XmlDocumentTest, DamagedXmlNamesThePartAndWhere) {
  EXPECT_THAT(ParseXml("/a.docx", "word/document.xml", "<w:document><w:p></w:document>"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("/a.docx: damaged XML in word/document.xml")));
}

TEST(XmlDocumentTest, EntitiesOfADoctypeAreNeverExpanded) {
  // "Billion laughs": each entity ten of the one before.
  std::string xml = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>";
  for (int i = 1; i < 10; ++i) {
    xml.append("<!ENTITY lol").append(std::to_string(i)).append(" '");
    for (int k = 0; k < 10; ++k) {
      xml.append("&lol").append(i == 1 ? std::string() : std::to_string(i - 1)).append(";");
    }
    xml.append("'>");
  }
  xml += "]><lolz>&lol9; &amp; &#233;</lolz>";
  ASSERT_OK_AND_ASSIGN(auto doc, ParseXml("/b.xml", "b.xml", xml));
  // The five XML entities and character references only.
  EXPECT_EQ(std::string(doc->document_element().child_value()), "&lol9; & \xC3\xA9");
}

TEST(XmlDocumentTest, WalkVisitsInDocumentOrderWithoutRecursion) {
  // Nesting a recursive walk could not survive.
  constexpr int kDepth = 300000;
  std::string xml;
  for (int i = 0; i < kDepth; ++i) xml += "<a>";
  xml += "deep";
  for (int i = 0; i < kDepth; ++i) xml += "</a>";
  ASSERT_OK_AND_ASSIGN(auto doc, ParseXml("/c.xml", "c.xml", xml));
  int entered = 0, left = 0;
  std::string text;
  WalkXml(
      *doc,
      [&](const pugi::xml_node& node) {
        if (node.type() == pugi::node_pcdata) text += node.value();
        if (node.type() == pugi::node_element) ++entered;
        return true;
      },
      [&](const pugi::xml_node&) { ++left; });
  EXPECT_EQ(entered, kDepth);
  EXPECT_EQ(left, kDepth);
  EXPECT_EQ(text, "deep");

  // Children skipped when enter says so; leave still follows.
  ASSERT_OK_AND_ASSIGN(auto small, ParseXml("/d.xml", "d.xml", "<r><skip><x/></skip><keep><y/></keep></r>"));
  std::string order;
  WalkXml(
      small->document_element(),
      [&](const pugi::xml_node& node) {
        order.append("+").append(node.name());
        return std::string(node.name()) != "skip";
      },
      [&](const pugi::xml_node& node) { order.append("-").append(node.name()); });
  EXPECT_EQ(order, "+skip-skip+keep+y-y-keep");
}

}  // namespace
}  // namespace quarry::indexer
