// File: indexer/status_printer.h
// `quarry-index --status`: what the index holds, for a person checking on
// an unattended (cron) setup.
#ifndef QUARRY_INDEXER_STATUS_PRINTER_H_
#define QUARRY_INDEXER_STATUS_PRINTER_H_

#include <ostream>
#include <string>

#include "common/index/index_check.h"
#include "common/status.h"

namespace quarry::indexer {

// Prints the document count, folders, settings and the last run of the
// index at `db_path` on `out`. Errors as OpenDatabaseForReading (NotFound
// when there is no index). Takes no lock.
// The run record beside the index (common/index/last_run.h) says more when
// the last run failed, was killed, or is still running.
Status PrintIndexStatus(const std::string& db_path, std::ostream& out);

// `quarry-index --check`: what was checked and each problem found, or that
// the index is sound, with what to do about a damaged one.
void PrintIndexCheck(const std::string& db_path, const IndexCheck& check, std::ostream& out);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_STATUS_PRINTER_H_
