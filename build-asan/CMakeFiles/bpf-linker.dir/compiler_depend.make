# Empty compiler generated dependencies file for bpf-linker.
# This may be replaced when dependencies are built.
