file(REMOVE_RECURSE
  "libbpf-linker-core.a"
)
