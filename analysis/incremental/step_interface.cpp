#include "incremental/step_interface.h"

#include <string_view>

#include "model/binding_scope.h"
#include "model/job_model.h"

namespace amllint::incremental {
namespace {

// FNV-1a, with a separator after each field so that ("ab", "c") and ("a", "bc") differ.
class Fingerprint {
 public:
  void add(std::string_view s) {
    for (unsigned char c : s) mix(c);
    mix(0xff);
  }
  void add(bool b) { mix(b ? 1 : 2); }
  void add(size_t n) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(n >> (8 * i)));
  }
  uint64_t value() const { return h_; }

 private:
  void mix(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ull;
  }
  uint64_t h_ = 14695981039346656037ull;
};

void add_ports(Fingerprint& f, const PortList& ports) {
  f.add(ports.ports != nullptr);
  f.add(ports.complete);
  if (!ports.ports) return;
  f.add(ports.ports->size());
  for (const Port& p : *ports.ports) {
    f.add(std::string_view(p.name));
    f.add(std::string_view(p.type));
  }
}

}  // namespace

uint64_t step_interface(const JobModel& model) {
  Fingerprint f;
  // undefined-step lists the names only when every key of `jobs:` could be read.
  f.add(section_complete(model.root, "jobs"));
  f.add(model.steps.size());
  for (const Step& s : model.steps) {
    f.add(std::string_view(s.name));
    f.add(std::string_view(s.type));
    add_ports(f, step_ports(s).outputs);
    // An AutoML step's outputs are its own `outputs:` (undefined-step-output's near misses).
    f.add(s.outputs_complete);
    f.add(s.outputs.size());
    for (const Port& p : s.outputs) f.add(std::string_view(p.name));
  }
  return f.value();
}

}  // namespace amllint::incremental
