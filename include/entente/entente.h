/*
 * entente — umbrella header: everything a program needs to code news into events and keep
 * them.
 *
 *   common.h  status codes, dates             text.h    tokens, sentences, lemmas, tags
 *   dict.h    dictionaries                    coder.h   documents to events
 *   ingest.h  reading records from files      format.h  writing events (JSONL, GDELT, CSV)
 *   dedup.h   duplicate and reprinted stories store.h   the SQLite / PostgreSQL event store
 *   import.h  GDELT and ICEWS event files      changepoint.h  change points in a series
 *   network.h signed networks: blocs, balance  registry.h     treaties and cooperation pillars
 *   series.h  a dyad's events by period         report.h       entente report A B
 *   plover.h  CAMEO codes as PLOVER events       validate.h     the TABARI/PETRARCH suites
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include "common.h"
#include "text.h"
#include "dict.h"
#include "coder.h"
#include "ingest.h"
#include "dedup.h"
#include "format.h"
#include "store.h"
#include "import.h"
#include "changepoint.h"
#include "network.h"
#include "registry.h"
#include "series.h"
#include "report.h"
#include "plover.h"
#include "validate.h"

#endif
