#include <algorithm>
#include <filesystem>

#include "model/binding_scope.h"
#include "model/job_model.h"
#include "rules/rule.h"

namespace amllint {

StepIndex& RuleContext::steps() {
  if (!steps_) steps_ = std::make_shared<StepIndex>();
  return *steps_;
}

void RuleContext::report(std::string_view code, TextRange range, std::string message,
                         std::vector<Fix> fixes) {
  Severity severity = Severity::Warning;
  auto it = std::find_if(current_codes.begin(), current_codes.end(),
                         [&](const RuleInfo& r) { return r.code == code; });
  if (it != current_codes.end()) severity = it->severity;
  diagnostics.push_back({range, severity, std::string(code), std::move(message), std::move(fixes)});
}

TextRange RuleContext::value_range(const yaml::Node& scalar, uint32_t begin, uint32_t end) const {
  std::vector<uint32_t> map = value_to_file_offsets(doc, scalar);
  begin = std::min<uint32_t>(begin, static_cast<uint32_t>(map.size() - 1));
  end = std::clamp<uint32_t>(end, begin, static_cast<uint32_t>(map.size() - 1));
  // Clamped to the scalar, as in job_model.cpp's record().
  uint32_t b = std::min(map[begin], scalar.range.end);
  uint32_t e = end > begin ? map[end - 1] + 1 : b;
  return {b, std::clamp(e, b, std::max(b, scalar.range.end))};
}

std::string RuleContext::base_dir() const {
  return model.base_dir;
}

}  // namespace amllint
