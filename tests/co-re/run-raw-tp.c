/* run-raw-tp OBJECT PROGRAM: open OBJECT with libbpf (which applies its CO-RE relocations against
 * the running kernel's BTF), load it, run raw tracepoint PROGRAM once with BPF_PROG_TEST_RUN and
 * an empty context, and print "retval N". bpftool cannot run raw tracepoint programs. */
#include <stdio.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	struct bpf_object *obj;
	struct bpf_program *prog;
	int err;

	if (argc != 3) {
		fprintf(stderr, "usage: run-raw-tp OBJECT PROGRAM\n");
		return 2;
	}
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "run-raw-tp: %s: cannot open\n", argv[1]);
		return 1;
	}
	if ((err = bpf_object__load(obj))) {
		fprintf(stderr, "run-raw-tp: %s: cannot load: %s\n", argv[1], strerror(-err));
		bpf_object__close(obj);
		return 1;
	}
	prog = bpf_object__find_program_by_name(obj, argv[2]);
	if (!prog) {
		fprintf(stderr, "run-raw-tp: %s: no program %s\n", argv[1], argv[2]);
		bpf_object__close(obj);
		return 1;
	}
	if ((err = bpf_prog_test_run_opts(bpf_program__fd(prog), &run))) {
		fprintf(stderr, "run-raw-tp: %s: test run failed: %s\n", argv[2], strerror(-err));
		bpf_object__close(obj);
		return 1;
	}
	printf("retval %u\n", run.retval);
	bpf_object__close(obj);
	return 0;
}
