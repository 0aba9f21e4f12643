// AMLLS_TRACE_EDITS=1 in the environment: one stderr line per step of a message's way through
// amlls (frame read, handled, queued, picked up by a worker, analysed, serialized, handed to the
// loop, sent), stamped with a steady clock in microseconds and the thread, to see where an
// edit's latency goes that is not CPU. Off (one load of a flag per step) otherwise.
#pragma once

#include <cstdint>

namespace amlls::edit_trace {

bool enabled();
// `revision` ties the steps of one document text together (0 before it is known).
void mark(const char* step, uint64_t revision = 0);

}  // namespace amlls::edit_trace
