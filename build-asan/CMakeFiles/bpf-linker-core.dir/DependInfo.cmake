
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/linker/bitcode.c" "CMakeFiles/bpf-linker-core.dir/linker/bitcode.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/bitcode.c.o.d"
  "/work/main/linker/debuginfo.c" "CMakeFiles/bpf-linker-core.dir/linker/debuginfo.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/debuginfo.c.o.d"
  "/work/main/linker/diag.c" "CMakeFiles/bpf-linker-core.dir/linker/diag.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/diag.c.o.d"
  "/work/main/linker/emit.c" "CMakeFiles/bpf-linker-core.dir/linker/emit.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/emit.c.o.d"
  "/work/main/linker/inputs.c" "CMakeFiles/bpf-linker-core.dir/linker/inputs.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/inputs.c.o.d"
  "/work/main/linker/link.c" "CMakeFiles/bpf-linker-core.dir/linker/link.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/link.c.o.d"
  "/work/main/linker/optimize.c" "CMakeFiles/bpf-linker-core.dir/linker/optimize.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/optimize.c.o.d"
  "/work/main/linker/options.c" "CMakeFiles/bpf-linker-core.dir/linker/options.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/options.c.o.d"
  "/work/main/linker/prepare.c" "CMakeFiles/bpf-linker-core.dir/linker/prepare.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/prepare.c.o.d"
  "/work/main/linker/resolve.c" "CMakeFiles/bpf-linker-core.dir/linker/resolve.c.o" "gcc" "CMakeFiles/bpf-linker-core.dir/linker/resolve.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
