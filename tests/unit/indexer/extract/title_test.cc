#include "indexer/extract/title.h"

#include <gtest/gtest.h>

#include "indexer/extract/plain_text_extractor.h"

namespace quarry::indexer {
namespace {

struct LineCase {
  const char* line;
  bool title;
};

// First lines found over /usr/share/doc (issue 18, item 7), and headings.
TEST(ReadsAsTitleTest, Table) {
  const LineCase cases[] = {
      {"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/", false},
      {"#include <iostream>", false},
      {"{", false},
      {"", false},
      {"   ", false},
      {"#!/usr/bin/perl", false},
      {"#! /bin/sh", false},
      {"#define  IDI_SYSINFO        100", false},
      {"/* enough.c -- determine the maximum size of inflate's Huffman code tables", false},
      {"// pilrctst.rcp", false},
      {"(*", false},
      {"{$mode objfpc}", false},
      {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>", false},
      {"%!PS-Adobe-3.0", false},
      {"%YAML 1.2", false},
      {".ig", false},
      {".\\\" Copyright (c) 1986 The Regents of the University of California.", false},  // a .me file
      {"@@", false},
      {"---", false},
      {"____      ____", false},
      {"43", false},
      {"digraph board {", false},
      {"program newt1;", false},
      {"Uses det,typ;", false},
      {"<https://www.gnu.org/software/gettext/manual/html_node/Users.html>", false},
      {"vim (2:9.0.1378-2+deb12u2) bookworm; urgency=high", false},
      {"2023-01-14  Nick Clifton  <nickc@redhat.com>", false},
      {"Thu Jan 22 22:28:35 2015  David C Niemi <gnutime@dcn.tuxers.net>", false},
      {"commit c2c4a2cd1947e559718acdba19ef6e7db731dbeb", false},
      // Headings and sentences are titles.
      {"GNU coreutils NEWS", true},
      {"Valgrind Frequently Asked Questions", true},
      {"This package was downloaded from", true},
      {"What:  /sys/bus/usb/devices/<busnum>-<devnum>:<config num>.<interface", true},
      {"# A Markdown heading", true},
      {"Introduction", true},
      {"README for tzdata", true},
      {"Überblick über die Änderungen", true},
      {"日本語の説明", true},
      {"Util-linux 2.38 Release Notes", true},
      {"Changes in version 1.19:", true},
  };
  for (const LineCase& c : cases) EXPECT_EQ(ReadsAsTitle(c.line), c.title) << "'" << c.line << "'";
}

struct PathCase {
  const char* path;
  const char* title;
};

TEST(FileNameTitleTest, Table) {
  const PathCase cases[] = {
      {"/usr/share/doc/vim/copyright", "copyright (vim)"},
      {"/usr/share/doc/vim/changelog.Debian.gz", "changelog.Debian (vim)"},
      // A generic folder's name says little: the one above it.
      {"/usr/share/doc/zlib1g-dev/examples/enough.c", "enough.c (zlib1g-dev)"},
      {"/usr/share/doc/fpc/examples/graph/GravityWars.pp", "GravityWars.pp (graph)"},
      {"/data.json", "data.json"},
      {"notes.csv", "notes.csv"},
      {"/a/Docs/x.txt", "x.txt (a)"},
  };
  for (const PathCase& c : cases) EXPECT_EQ(FileNameTitle(c.path), c.title) << c.path;
}

TEST(FirstLineTitleTest, ModeLinesAndCodeGiveWayToTheFile) {
  EXPECT_EQ(TextTitle("GNU coreutils NEWS                                    -*- outline -*-\n"),
            "GNU coreutils NEWS");
  EXPECT_EQ(TextTitle("-*- text -*-\nThe real title\n"), "The real title");
  EXPECT_EQ(FirstLineTitle("#include <stdio.h>\nint main() {}\n"), "");
  EXPECT_EQ(FirstLineTitle("{\n  \"name\": \"x\"\n}\n"), "");
  EXPECT_EQ(FirstLineTitle("\n\nHerons of the Marsh\n"), "Herons of the Marsh");
}

TEST(TitleUntitledByFileNameTest, OnlyWholeFileDocumentsWithoutATitle) {
  std::vector<ExtractedDocument> docs(3);
  docs[1].title = "Kept";
  docs[2].record_id = "r7";
  TitleUntitledByFileName(docs, "/usr/share/doc/vim/copyright");
  EXPECT_EQ(docs[0].title, "copyright (vim)");
  EXPECT_EQ(docs[1].title, "Kept");
  EXPECT_EQ(docs[2].title, "");
}

}  // namespace
}  // namespace quarry::indexer
