/* libFuzzer harness: a whole link from one input, run as the real bpf-linker in a child process
 * (the linker's crash containment ends the process on purpose, so it cannot run in-process).
 * The child must exit with 0 or 1, never by a signal, within 20 s, and a failure must print
 * exactly one line "bpf-linker: error: ...". BPF_LINKER names the linker; fuzz/run sets it.
 * Coverage inside the child is not seen: this harness mutates the seed corpus blindly, as
 * tests/bad-inputs/mutate does, with libFuzzer's mutators. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char input_path[64] = "/tmp/bpf-linker-fuzz-XXXXXX";
static char output_path[80];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = mkstemp(input_path);

	(void)argc;
	(void)argv;
	if (fd < 0 || !getenv("BPF_LINKER")) {
		fprintf(stderr, "fuzz/link: set BPF_LINKER to the linker to run\n");
		exit(2);
	}
	close(fd);
	snprintf(output_path, sizeof(output_path), "%s.o", input_path);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err_text[8192];
	size_t err_len = 0, lines = 0;
	int fd = open(input_path, O_WRONLY | O_TRUNC), pipefd[2], status = 0;
	pid_t child;
	struct timespec start, now;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) || pipe(pipefd))
		abort();
	unlink(output_path);
	child = fork();
	if (child == 0) {
		char *args[] = { getenv("BPF_LINKER"), input_path, "--export", "prog", "--btf", "-o", output_path,
				 NULL };

		dup2(pipefd[1], 2);
		close(pipefd[0]);
		execv(args[0], args);
		_exit(127);
	}
	close(pipefd[1]);
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		ssize_t n = read(pipefd[0], err_text + err_len, sizeof(err_text) - 1 - err_len);

		if (n > 0)
			err_len += (size_t)n;
		if (waitpid(child, &status, WNOHANG) == child)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > 20) {
			kill(child, SIGKILL);
			fprintf(stderr, "fuzz/link: the link ran over 20 s\n");
			abort();
		}
		if (n <= 0)
			nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	for (ssize_t n; (n = read(pipefd[0], err_text + err_len, sizeof(err_text) - 1 - err_len)) > 0;)
		err_len += (size_t)n;
	close(pipefd[0]);
	err_text[err_len] = '\0';
	for (size_t i = 0; i < err_len; i++)
		lines += err_text[i] == '\n';
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "fuzz/link: the linker died by signal %d\n", WTERMSIG(status));
		abort();
	}
	if (WEXITSTATUS(status) > 1) {
		fprintf(stderr, "fuzz/link: exit status %d\n%s", WEXITSTATUS(status), err_text);
		abort();
	}
	if (WEXITSTATUS(status) == 1 && (lines != 1 || strncmp(err_text, "bpf-linker: error: ", 19))) {
		fprintf(stderr, "fuzz/link: a failure must be one error line, got:\n%s", err_text);
		abort();
	}
	return 0;
}
