/*
 * holiday.c: England and Wales bank holidays, kept in the store so that
 * an authority can load GOV.UK's current file, and the working-day
 * arithmetic built on them.
 */
#include "internal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
insert_events(struct ehc_db *db, const cJSON *events)
{
	const cJSON *ev, *date, *title;
	sqlite3_stmt *st;
	int32_t day;
	int rc;

	if ((rc = ehc__db_prepare(db, &st,
	    "INSERT OR REPLACE INTO holiday(date, title) VALUES (?1, ?2)"))
	    != EHC_OK)
		return rc;
	cJSON_ArrayForEach(ev, events) {
		date = cJSON_GetObjectItemCaseSensitive(ev, "date");
		title = cJSON_GetObjectItemCaseSensitive(ev, "title");
		if (!cJSON_IsString(date) || !cJSON_IsString(title) ||
		    ehc_date_parse(&day, date->valuestring) != EHC_OK) {
			rc = ehc__db_fail(db, EHC_EINVAL, "a bank holiday "
			    "event has no valid 'date' and 'title'");
			break;
		}
		if ((rc = ehc__check_text(db, "a bank holiday's title",
		    title->valuestring, 200, 1)) != EHC_OK)
			break;
		sqlite3_bind_text(st, 1, date->valuestring, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, title->valuestring, -1,
		    SQLITE_STATIC);
		if ((rc = ehc__db_step_done(db, st, "storing a bank holiday"))
		    != EHC_OK)
			break;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

int
ehc__holidays_from_json(struct ehc_db *db, const char *json, size_t len)
{
	cJSON *root;
	const cJSON *div, *events;
	int rc;

	root = cJSON_ParseWithLength(json, len);
	if (root == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "the bank holidays are "
		    "not JSON; use the GOV.UK bank-holidays.json format");
	if ((rc = ehc__check_json(db, "the bank holidays file", json, len,
	    root)) != EHC_OK) {
		cJSON_Delete(root);
		return rc;
	}
	div = cJSON_GetObjectItemCaseSensitive(root, "england-and-wales");
	events = cJSON_GetObjectItemCaseSensitive(div, "events");
	if (!cJSON_IsArray(events) || cJSON_GetArraySize(events) == 0) {
		cJSON_Delete(root);
		return ehc__db_fail(db, EHC_EINVAL, "the bank holidays have no "
		    "'england-and-wales' events; use the GOV.UK "
		    "bank-holidays.json format");
	}
	if ((rc = ehc__db_exec(db, "DELETE FROM holiday")) == EHC_OK)
		rc = insert_events(db, events);
	cJSON_Delete(root);
	db->holidays_loaded = 0;
	return rc;
}

int
ehc__holidays_seed(struct ehc_db *db)
{
	const char *json = (const char *)ehc__bank_holidays_json;

	return ehc__holidays_from_json(db, json, strlen(json));
}

static int
load(struct ehc_db *db)
{
	sqlite3_stmt *st;
	int rc;

	if (db->holidays_loaded)
		return EHC_OK;
	if ((rc = ehc__db_prepare(db, &st,
	    "SELECT date FROM holiday ORDER BY date")) != EHC_OK)
		return rc;
	db->nholidays = 0;
	while (sqlite3_step(st) == SQLITE_ROW && db->nholidays < HOLIDAY_MAX)
		db->holidays[db->nholidays++] = ehc__column_date(st, 0);
	sqlite3_finalize(st);
	db->holidays_loaded = 1;
	return EHC_OK;
}

static int
cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

int
ehc_db_is_working_day(struct ehc_db *db, int32_t day)
{
	if (ehc_date_weekday(day) >= 5)
		return 0;
	if (load(db) != EHC_OK)
		return 1;
	return bsearch(&day, db->holidays, (size_t)db->nholidays,
	    sizeof(int32_t), cmp_day) == NULL;
}

int32_t
ehc_db_working_day_before(struct ehc_db *db, int32_t day)
{
	do
		day--;
	while (!ehc_db_is_working_day(db, day));
	return day;
}

int32_t
ehc_db_add_working_days(struct ehc_db *db, int32_t day, int n)
{
	while (!ehc_db_is_working_day(db, day))
		day++;
	while (n-- > 0) {
		do
			day++;
		while (!ehc_db_is_working_day(db, day));
	}
	return day;
}
