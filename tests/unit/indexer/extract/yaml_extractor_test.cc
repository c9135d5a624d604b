#include "indexer/extract/yaml_extractor.h"

#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace quarry::indexer {
namespace {

using ::quarry::testing::StatusIs;

struct YamlCase {
  const char* name;
  const char* yaml;
  const char* title;
};

TEST(YamlExtractorTest, TitleFromTopLevelTitleKeyElseFirstLine) {
  const YamlCase cases[] = {
      {"devicetree_binding",
       "# SPDX-License-Identifier: GPL-2.0\n%YAML 1.2\n---\n$id: http://x/y.yaml#\n\n"
       "title: Analog Devices AD7606 ADC\n\nmaintainers:\n  - Someone\n",
       "Analog Devices AD7606 ADC"},
      {"quoted", "title: \"Quoted: title\"\n", "Quoted: title"},
      {"nested_title_is_not_the_document's", "properties:\n  title: inner\n", "properties:"},
      {"block_scalar_falls_back", "title: |\n  long\n", "title: |"},
      // Found in linux-doc's ti,pruss.yaml: a block with a chomping mark.
      {"kept_block_scalar_falls_back", "title: |+\n  long\n", "title: |+"},
      {"no_title", "# SPDX-License-Identifier: MIT\nname: thing\n", "name: thing"},
  };
  YamlExtractor extractor;
  for (const YamlCase& c : cases) {
    ASSERT_OK_AND_ASSIGN(auto docs, extractor.Extract("/x.yaml", c.yaml));
    ASSERT_EQ(docs.size(), 1u) << c.name;
    EXPECT_EQ(docs[0].title, c.title) << c.name;
    EXPECT_EQ(docs[0].body, c.yaml) << c.name;
  }
}

TEST(YamlExtractorTest, RefusesBinary) {
  YamlExtractor extractor;
  EXPECT_THAT(extractor.Extract("/x.yaml", std::string("a\0b", 3)), StatusIs(StatusCode::kUnsupported));
}

}  // namespace
}  // namespace quarry::indexer
