// File: indexer/status_printer.h
// `quarry-index --status`: what the index holds, for a person checking on
// an unattended (cron) setup.
#ifndef QUARRY_INDEXER_STATUS_PRINTER_H_
#define QUARRY_INDEXER_STATUS_PRINTER_H_

#include <ostream>
#include <string>

#include "common/status.h"

namespace quarry::indexer {

// Prints the document count, folders, settings and the last run of the
// index at `db_path` on `out`. Errors as OpenDatabaseForReading (NotFound
// when there is no index). Takes no lock.
Status PrintIndexStatus(const std::string& db_path, std::ostream& out);

}  // namespace quarry::indexer

#endif  // QUARRY_INDEXER_STATUS_PRINTER_H_
