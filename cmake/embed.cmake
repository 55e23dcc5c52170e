# lamina_embed(OUT FILES...): compiles each file into the binary as a byte array, looked up by its
# file name through embedded_file() (src/util/embedded.h). Re-generated when any input changes.
function(lamina_embed out)
  set(inputs ${ARGN})
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DINPUTS=${inputs}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding data files"
    VERBATIM)
endfunction()
