/* ttymix devices: the output devices PortAudio can open. */
#include "src/cli.h"

int cli_devices(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	const struct cli_spec spec = { .command = "devices",
		.usage = "devices takes no arguments" };
	const int n = cli_parse(argc, argv, &spec);
	if (n < 0)
		return EXIT_USAGE;
	if (n > 0)
		return cli_spec_usage(&spec);
	struct err_msg msg;
	if (driver_pa_list_devices(&msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	return 0;
}
