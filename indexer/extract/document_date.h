// File: indexer/extract/document_date.h
// Dates as formats record them (ISO 8601 / W3C-DTF in office, e-book and
// HTML metadata; PDF's "D:" dates) -> seconds since the Unix epoch, for
// DocumentFields::date.
#ifndef QUARRY_INDEXER_EXTRACT_DOCUMENT_DATE_H_
#define QUARRY_INDEXER_EXTRACT_DOCUMENT_DATE_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace quarry::indexer {

// An ISO 8601 date or date and time, as office files (docProps/core.xml,
// meta.xml), OPF and HTML <meta> tags write them: "2024", "2024-05",
// "2024-05-17", "2024-05-17T09:30", "...T09:30:15", with fractions of a
// second (dropped) and a zone ("Z", "+02:00", "-0500"). A time without a
// zone is taken as UTC (nothing says which zone the author was in); a
// date alone is its midnight. Surrounding blanks are ignored. nullopt for
// anything else, an impossible date (2024-02-30), or a year before 1970
// (placeholders such as 1601-01-01 and 0000-00-00 mean "no date").
std::optional<int64_t> ParseIsoDate(std::string_view text);

// A PDF date ("D:20240517093015+02'00'", the "D:" and every part after
// the year optional). nullopt as above.
std::optional<int64_t> ParsePdfDate(std::string_view text);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_EXTRACT_DOCUMENT_DATE_H_
