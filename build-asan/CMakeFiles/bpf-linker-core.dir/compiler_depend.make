# Empty compiler generated dependencies file for bpf-linker-core.
# This may be replaced when dependencies are built.
