file(REMOVE_RECURSE
  "CMakeFiles/bpf-linker-core.dir/linker/bitcode.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/bitcode.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/debuginfo.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/debuginfo.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/diag.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/diag.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/emit.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/emit.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/inputs.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/inputs.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/link.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/link.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/optimize.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/optimize.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/options.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/options.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/prepare.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/prepare.c.o.d"
  "CMakeFiles/bpf-linker-core.dir/linker/resolve.c.o"
  "CMakeFiles/bpf-linker-core.dir/linker/resolve.c.o.d"
  "libbpf-linker-core.a"
  "libbpf-linker-core.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bpf-linker-core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
