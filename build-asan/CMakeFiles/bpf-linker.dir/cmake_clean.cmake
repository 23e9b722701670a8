file(REMOVE_RECURSE
  "CMakeFiles/bpf-linker.dir/linker/main.c.o"
  "CMakeFiles/bpf-linker.dir/linker/main.c.o.d"
  "bpf-linker"
  "bpf-linker.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bpf-linker.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
