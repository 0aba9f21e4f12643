// amllint: lint Azure Machine Learning job and component YAML from the command line or CI.
#include <string>
#include <vector>

#include "app.h"

int main(int argc, char** argv) {
  return amllint::cli::run(std::vector<std::string>(argv + 1, argv + argc));
}
