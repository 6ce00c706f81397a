/* stream_stall: a listener that asks for a stream and then never reads it, as a
 * laptop that went to sleep would. It shrinks its receive buffer so that the server
 * feels the stall soon, prints "asked" once the request is sent, and waits to be
 * killed.
 *
 *   stream_stall PORT PATH      (PATH with its ?key=..., on 127.0.0.1) */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: stream_stall PORT PATH\n");
		return 2;
	}
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int small = 4096;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])) };
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		perror("stream_stall: connect");
		return 1;
	}
	char req[1024];
	int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", argv[2]);
	if (n <= 0 || (size_t)n >= sizeof req || write(fd, req, (size_t)n) != n) {
		perror("stream_stall: write");
		return 1;
	}
	printf("asked\n");
	fflush(stdout);
	for (;;)
		pause();
}
