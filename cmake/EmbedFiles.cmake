# embed_files(<target> <function> <header> <files...>): compiles the files into <target> as a
# table returned by `amllint::<function>()`, declared in <header>.
function(embed_files target function header)
  set(files ${ARGN})
  string(REPLACE ";" "|" joined "${files}")
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${function}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DFILES=${joined} -DFUNCTION=${function}
            -DHEADER=${header} -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${function}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
