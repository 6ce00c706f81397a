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

# The lessons (projects/lessons): gen_lessons turns each *.lesson.json kept in git into
# a lesson folder in the build tree, its project made from the demo's (whose audio the
# lessons share: nothing large in git, nothing copied six times).
noinst_PROGRAMS += projects/lessons/gen_lessons
projects_lessons_gen_lessons_SOURCES = projects/lessons/gen_lessons.c
projects_lessons_gen_lessons_LDADD = $(TTYMIX_LIBS)

LESSON_FILES = projects/lessons/01-balance.lesson.json \
	projects/lessons/02-panning.lesson.json projects/lessons/03-mud.lesson.json \
	projects/lessons/04-compression.lesson.json projects/lessons/05-space.lesson.json \
	projects/lessons/06-mastering.lesson.json projects/lessons/07-eq-notch.lesson.json \
	projects/lessons/08-gate.lesson.json projects/lessons/09-delay-time.lesson.json \
	projects/lessons/10-width.lesson.json projects/lessons/11-automation.lesson.json \
	projects/lessons/12-masking.lesson.json projects/lessons/13-deessing.lesson.json \
	projects/lessons/14-album.lesson.json
EXTRA_DIST += $(LESSON_FILES)
noinst_DATA += projects/lessons/.stamp

projects/lessons/.stamp: projects/lessons/gen_lessons$(EXEEXT) projects/demo/.stamp \
	$(LESSON_FILES:%=$(srcdir)/%)
	$(AM_V_GEN)rm -rf projects/lessons/[0-9][0-9]-*/ && \
	projects/lessons/gen_lessons$(EXEEXT) $(srcdir)/projects/lessons projects/demo \
		projects/lessons && \
	touch $@

CLEANFILES += projects/lessons/.stamp
clean-local: clean-local-lessons
clean-local-lessons:
	-rm -rf projects/lessons/[0-9][0-9]-*/
.PHONY: clean-local-lessons

lessons_installdir = $(pkgdatadir)/lessons
install-data-local: install-data-lessons
install-data-lessons: projects/lessons/.stamp
	for d in projects/lessons/[0-9][0-9]-*/; do \
		n=`basename $$d`; \
		$(MKDIR_P) '$(DESTDIR)$(lessons_installdir)'/$$n && \
		$(INSTALL_DATA) $$d/project.json $$d/lesson.json \
			'$(DESTDIR)$(lessons_installdir)'/$$n/ || exit 1; \
	done
.PHONY: install-data-lessons

uninstall-local: uninstall-lessons
uninstall-lessons:
	-rm -rf '$(DESTDIR)$(lessons_installdir)'
.PHONY: uninstall-lessons
