// amlls: the Azure ML job YAML language server, over stdio.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "server.h"

namespace {

constexpr const char* kHelp =
    "Usage: amlls [--stdio]\n"
    "\n"
    "The amllint language server for Azure Machine Learning CLI v2 YAML. It speaks the\n"
    "Language Server Protocol 3.17 over stdin/stdout; editors start it for you.\n"
    "\n"
    "Options:\n"
    "  --stdio      talk over stdin/stdout (the default and only transport)\n"
    "  --version    print the version and exit\n"
    "  --help       print this help and exit\n";

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--version")) {
      std::printf("amlls %s\n", amlls::server_version());
      return 0;
    }
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      std::fputs(kHelp, stdout);
      return 0;
    }
    if (std::strcmp(argv[i], "--stdio") != 0) {
      std::fprintf(stderr, "amlls: unknown option '%s'\n\n%s", argv[i], kHelp);
      return 2;
    }
  }
  auto transport = amlls::make_stdio_transport();
  int code;
  {
    amlls::Server server(*transport);
    code = server.run();
  }
  // The reader thread may still sit in a blocking read of stdin; do not wait for it.
  std::fflush(stdout);
  std::_Exit(code);
}
