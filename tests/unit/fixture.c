/*
 * fixture.c: temporary directories for the unit tests.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"

char *
fixture_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((dir = malloc(strlen(tmp) + 24)) == NULL)
		return NULL;
	sprintf(dir, "%s/ehc-unit.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *
fixture_path(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	if (p != NULL)
		sprintf(p, "%s/%s", dir, name);
	return p;
}

void
fixture_rmtree(const char *dir)
{
	DIR *d;
	struct dirent *e;
	char *p;

	if (dir == NULL || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((p = fixture_path(dir, e->d_name)) != NULL) {
			unlink(p);
			free(p);
		}
	}
	closedir(d);
	rmdir(dir);
}
