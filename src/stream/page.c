/* The listening page (page.h). It keeps the key of its own address for every request
 * it makes. */
#include "src/stream/page.h"

const char stream_page_html[] =
	"<!doctype html><html><head><meta charset=\"utf-8\"><title>ttymix</title></head>"
	"<body><h1 id=\"project\">ttymix</h1><p id=\"position\"></p>"
	"<audio id=\"player\" controls autoplay></audio>"
	"<script>\n"
	"const q = location.search;\n"
	"document.getElementById('player').src = 'listen.opus' + q;\n"
	"async function tick() {\n"
	"  try {\n"
	"    const r = await fetch('status.json' + q); const s = await r.json();\n"
	"    document.getElementById('project').textContent = s.project;\n"
	"    document.getElementById('position').textContent = s.position_s.toFixed(1) + ' s';\n"
	"  } catch (e) {}\n"
	"}\n"
	"setInterval(tick, 250);\n"
	"</script></body></html>\n";
