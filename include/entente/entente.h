/*
 * entente — umbrella header: everything a program needs to code news into events.
 *
 *   common.h  status codes, dates             text.h    tokens, sentences, lemmas, tags
 *   dict.h    dictionaries                    coder.h   documents to events
 *   ingest.h  reading records from files      format.h  writing events (JSONL, GDELT, CSV)
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include "common.h"
#include "text.h"
#include "dict.h"
#include "coder.h"
#include "ingest.h"
#include "format.h"

#endif
