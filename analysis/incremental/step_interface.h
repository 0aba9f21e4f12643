// What the steps of a pipeline show each other: their names in order, types and output ports.
// The interface-local rules (Rule::interface_local) read no more of a step than this when they
// check another one, so while an edit inside one step leaves it the same, their findings in the
// other steps stay what they were.
#pragma once

#include <cstdint>

namespace amllint {
struct JobModel;
}

namespace amllint::incremental {

// A fingerprint of the interface of `model`'s own steps (not those of inline pipeline
// components, which only their own step can name); equal models give equal fingerprints.
uint64_t step_interface(const JobModel& model);

}  // namespace amllint::incremental
