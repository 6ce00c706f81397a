/* ttymix devices: the output devices PortAudio can open. */
#include "src/cli.h"

int cli_devices(int argc, char **argv, const struct cli_globals *g)
{
	(void)argv;
	(void)g;
	if (argc != 0)
		return cli_usage("devices takes no arguments");
	struct err_msg msg;
	if (driver_pa_list_devices(&msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	return 0;
}
