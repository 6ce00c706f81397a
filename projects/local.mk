# projects/: the demo song, generated at build time.
#
# gen_demo synthesises the stems and writes the project into the BUILD tree
# (projects/demo/project.json and projects/demo/audio/*.flac), which is where
# src/ttymix looks first, so `make distcheck` (read-only srcdir) works and nothing large
# is kept in git. A stamp stands for the whole folder: make cannot track a directory
# of outputs, and the generator always writes them all.
noinst_PROGRAMS += projects/demo/gen_demo
projects_demo_gen_demo_SOURCES = projects/demo/gen_demo.c
projects_demo_gen_demo_LDADD = $(TTYMIX_LIBS)

noinst_DATA += projects/demo/.stamp

# Regenerate from scratch, so that a stem dropped from the generator does not linger.
projects/demo/.stamp: projects/demo/gen_demo$(EXEEXT)
	$(AM_V_GEN)rm -rf projects/demo/audio projects/demo/project.json \
		projects/demo/project.json.bak && \
	projects/demo/gen_demo$(EXEEXT) projects/demo && \
	touch $@

CLEANFILES += projects/demo/.stamp projects/demo/project.json projects/demo/project.json.bak

clean-local: clean-local-demo
clean-local-demo:
	-rm -rf projects/demo/audio
.PHONY: clean-local-demo

# Installed read-only; ttymix copies it to the user's data folder before opening it.
demo_installdir = $(pkgdatadir)/demo

install-data-local: install-data-demo
install-data-demo: projects/demo/.stamp
	$(MKDIR_P) '$(DESTDIR)$(demo_installdir)/audio'
	$(INSTALL_DATA) projects/demo/project.json '$(DESTDIR)$(demo_installdir)/project.json'
	$(INSTALL_DATA) projects/demo/audio/*.flac '$(DESTDIR)$(demo_installdir)/audio'
.PHONY: install-data-demo

uninstall-local: uninstall-demo
uninstall-demo:
	rm -f '$(DESTDIR)$(demo_installdir)/project.json' '$(DESTDIR)$(demo_installdir)/audio/'*.flac
	-rmdir '$(DESTDIR)$(demo_installdir)/audio' '$(DESTDIR)$(demo_installdir)'
.PHONY: uninstall-demo
