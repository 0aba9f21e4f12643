# One version everywhere: project(VERSION) in CMakeLists.txt is the source; the binaries get it
# at build time, the .deb from CPack, and the VS Code extension's package.json must say the same
# (vsce reads it from there, so it is checked rather than generated), as must the README's
# install and pre-commit lines and the example workflow's package.
#   cmake -DVERSION=<project version> -DSOURCE=<repository> -DAMLLINT=<bin> -DAMLLS=<bin>
#         -P version_test.cmake
set(EXTENSION ${SOURCE}/editors/vscode)
file(READ ${EXTENSION}/package.json manifest)
file(READ ${EXTENSION}/package-lock.json lock)
string(JSON extension_version GET "${manifest}" version)
string(JSON lock_version GET "${lock}" packages "" version)
if(NOT extension_version STREQUAL VERSION OR NOT lock_version STREQUAL VERSION)
  message(FATAL_ERROR "editors/vscode/package.json has version ${extension_version} (its lock "
                      "${lock_version}), CMakeLists.txt has ${VERSION}: run `npm version ${VERSION} "
                      "--no-git-tag-version` in editors/vscode")
endif()
foreach(doc_and_text "README.md|rev: v${VERSION}" "README.md|amllint_${VERSION}_amd64.deb"
                     "examples/ci/github-actions-amllint.yml|AMLLINT_VERSION: ${VERSION}")
  string(REPLACE "|" ";" pair "${doc_and_text}")
  list(GET pair 0 doc)
  list(GET pair 1 text)
  file(READ ${SOURCE}/${doc} content)
  string(FIND "${content}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${doc} does not say `${text}`: update it to version ${VERSION}")
  endif()
endforeach()
foreach(bin AMLLINT AMLLS)
  execute_process(COMMAND ${${bin}} --version OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  get_filename_component(name ${${bin}} NAME)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "${name} ${VERSION}\n")
    message(FATAL_ERROR "${name} --version printed '${out}' (exit ${rc}), expected '${name} ${VERSION}'")
  endif()
endforeach()
message(STATUS "version ${VERSION}: CMake, amllint, amlls and the extension agree")
