/*
 * rules.c: the rule registry.  Every statutory rule ehc applies is one
 * entry below: what starts it, its period, the regulation, the reading
 * ehc takes and the other one, when it is valid, whom it binds and what
 * it holds back.  Adding a rule is an entry here and, in clock.c, the
 * event that triggers it.  The arithmetic of each unit is here too, so
 * that the clock, the step checks and the reports count alike.
 *
 * The readings are those of statutory-rules.md ("Decisions for ehc" and
 * section 1): where the law allows two, the earlier date.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define CFA "Children and Families Act 2014 "
#define REGS "SEND Regulations 2014 "
#define HESC "Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008 "
#define DEVON "R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)"
#define AGREED "the mediation agreement, about what could be appealed"
#define AS_ORDERED "as if ordered by the Tribunal (reg 42(2)): "
#define CLOSURES "school-closure early-years-closure personal-circumstances " \
	"absence coronavirus"

/* Who a rule binds, as the registry spells it. */
#define AUTHORITY "authority"
#define FAMILY "family"		/* the family's right or window */
#define HEALTH "health"		/* the health commissioning body */
#define ADVISER "adviser"	/* a body asked for advice */
#define SCHOOL "school"		/* the head teacher or principal */
#define MEDIATOR "mediator"	/* the mediation adviser or mediator */
#define NOBODY "none"		/* a date to note, nobody's duty */

/* The trigger of the dates of the date of birth alone. */
#define BIRTH "the date of birth"

static const struct ehc__rule registry[] = {
	/* The assessment (regs 4-14). */
	{ "decide-assess", "decide-assess", "the day the request was received",
	    6, EHC__WEEKS, 0, 0, REGS "reg 5(1) (and reg 4(1))",
	    "within 6 weeks of receipt: receipt + 42 days",
	    "an authority that deems a weekend request received on the next "
	    "working day would count later; ehc counts from the actual day",
	    "", "", AUTHORITY, "", CLOSURES, 0, 0, 7 },
	{ "advice", "advice", "the day the adviser received the request",
	    6, EHC__WEEKS, 0, 0, REGS "reg 8(1)",
	    "6 weeks from the adviser's receipt of the request; exceptions "
	    "reg 8(2)(a)-(c), no school-closure exception", "",
	    "", "", ADVISER, "",
	    "personal-circumstances absence missed-appointment coronavirus",
	    0, 0, 7 },
	{ "decide-issue", "decide-issue", "the day the request was received",
	    16, EHC__WEEKS, 0, 0, REGS "reg 10(1)",
	    "statutory for a decision not to issue; the same date is the "
	    "management target for a decision to issue; exceptions reg "
	    "10(4)(a)-(d)",
	    "guidance puts the draft plan at week 14, a management target",
	    "", "", AUTHORITY, "", CLOSURES, 0, 0, 14 },
	{ "draft-representations", "draft-representations",
	    "the day the draft plan was served", 15, EHC__DAYS_BEGINNING, 0, 0,
	    REGS "reg 13(1)(a)",
	    "at least 15 days beginning with the day served: the last day is "
	    "served + 14; finalising before served + 15 is refused", "", "",
	    "", FAMILY, "draft final", "",
	    0, 0, 0 },
	{ "final-plan", "final-plan", "the day the request was received",
	    20, EHC__WEEKS, 0, 0, REGS "reg 13(2)",
	    "receipt + 140 days; exceptions reg 13(3), the reasons in reg "
	    "10(4)(a)-(d)",
	    "DfE counts the receipt day as day 1, which gives one day earlier "
	    "(receipt + 139)", "", "", AUTHORITY, "", CLOSURES,
	    0, 0, 42 },
	/* Reviews (s44, regs 18-21). */
	{ "annual-review", "annual-review",
	    "the first issue of the plan, then the last review decision",
	    12, EHC__PERIOD_MONTHS, 0, 0, CFA "s44(1); Code of Practice 9.169",
	    "the 12-month period starts with the anchor: last day = anchor + "
	    "12 months - 1 day (29 February anchors clamp to 28 February "
	    "first); the decision letter is due within it",
	    "reading the anniversary itself as the deadline (IPSEA) gives one "
	    "day later; anchoring on the meeting instead of the decision "
	    "letter gives an earlier date", "", "", AUTHORITY, "",
	    "", 0, 0, 98 },
	{ "review-report", "review-report", "the review meeting", 2,
	    EHC__WEEKS, 0, 0, REGS "reg 20(7)",
	    "the report of the meeting within 2 weeks; a report never "
	    "received stays overdue", "", "", "", SCHOOL, "", "",
	    0, 0, 0 },
	{ "review-report-21", "review-report", "the review meeting", 2,
	    EHC__WEEKS, 0, 0, REGS "reg 21",
	    "a child or young person not at a school or institution: the "
	    "authority arranges the meeting and writes the report", "",
	    "", "", AUTHORITY, "", "", 0, 0, 0 },
	{ "review-decision", "review-decision", "the review meeting", 4,
	    EHC__WEEKS, 0, 0, REGS "reg 20(10); " DEVON,
	    "when amending, the proposed amendments go with the decision: a "
	    "notice sent later makes the decision late",
	    "before Devon, the notice had no deadline of its own",
	    "", "", AUTHORITY, "", "", 0, 0, 0 },
	{ "review-decision-21", "review-decision", "the review meeting", 4,
	    EHC__WEEKS, 0, 0, REGS "reg 21; " DEVON,
	    "the same 4 weeks as reg 20", "", "", "", AUTHORITY,
	    "", "", 0, 0, 0 },
	{ "under-5-review", "under-5-review",
	    "the plan's issue or last review", 6, EHC__MONTHS, 0, 0,
	    "SEND Code of Practice 9.178 (guidance)",
	    "advisory for children under 5; never a statutory breach",
	    "some authorities review every 3 months", "", "", AUTHORITY, "",
	    "", 0, 1, 0 },
	{ "phase-transfer-school", "phase-transfer",
	    "a transfer between school phases: recorded, or from the date of "
	    "birth (early years to reception, year 2 to 3 where the authority "
	    "has infant and junior schools, year 6 to 7)", 0, EHC__BEFORE_DATE,
	    2, 15, REGS "reg 18(1)(b)",
	    "before 15 February of the transfer year: the last day is 14 "
	    "February", "guidance often says by 15 February, a day later",
	    "", "", AUTHORITY, "", "", 0, 0, 84 },
	{ "phase-transfer-post-16", "phase-transfer",
	    "a transfer from secondary school to a post-16 institution: "
	    "recorded, or from the date of birth (year 11 to 12)", 0,
	    EHC__BEFORE_DATE, 3, 31, REGS "reg 18(1)(a)",
	    "before 31 March of the transfer year: the last day is 30 March",
	    "guidance often says by 31 March, a day later", "", "",
	    AUTHORITY, "", "", 0, 0, 84 },
	{ "phase-transfer-post-16-move", "phase-transfer",
	    "a move between post-16 institutions", -5, EHC__MONTHS, 0, 0,
	    REGS "reg 18(2)",
	    "at least five months before the transfer, clamped to the month "
	    "end", "", "", "", AUTHORITY, "", "", 0, 0, 84 },
	{ "amend-representations", "amend-representations",
	    "the day the amendment notice was served", 15,
	    EHC__DAYS_BEGINNING, 0, 0, REGS "reg 22(2)(c)",
	    "at least 15 days beginning with the day served: finalising "
	    "before served + 15 is refused", "", "", "", FAMILY,
	    "amend final", "", 0, 0, 0 },
	{ "amended-plan", "amended-plan",
	    "the day the amendment notice was sent", 8, EHC__WEEKS, 0, 0,
	    REGS "reg 22(3)",
	    "a decision not to amend is due by the same date (reg 22(4))",
	    "", "", "", AUTHORITY, "", "", 0, 0, 14 },
	{ "amended-plan-long-stop", "amended-plan", "the review meeting", 12,
	    EHC__WEEKS, 0, 0, DEVON,
	    "after a review decision to amend, the amended plan is due within "
	    "12 weeks of the meeting, whether or not a notice was sent; with "
	    "a notice, the earlier of this and notice + 8 weeks", "",
	    "", "", AUTHORITY, "", "", 0, 0, 14 },
	/* Ages (s83, s46, reg 46). */
	{ "school-age-end", "school-age-end", BIRTH, 16,
	    EHC__SCHOOL_AGE_END, 0, 0,
	    CFA "s83; Education Act 1996 s8",
	    "compulsory school age ends on the last Friday in June of the "
	    "school year in which the child turns 16; after it letters go to "
	    "the young person, subject to capacity", "", "", "", NOBODY, "",
	    "", 0, 1, 0 },
	{ "age-25", "age-25", BIRTH, 25, EHC__YEARS, 0, 0,
	    CFA "s46, s83",
	    "a young person is under 25: the plan normally ends at the 25th "
	    "birthday", "", "", "", NOBODY, "", "", 0, 1, 0 },
	{ "age-25-year-end", "age-25-year-end", BIRTH, 25,
	    EHC__ACADEMIC_YEAR_END, 0, 0, CFA "s46; " REGS "reg 46",
	    "the authority may keep the plan to the end of the academic year "
	    "of the 25th birthday: 31 July (reg 46, further education)",
	    "for an apprenticeship, the end of the training if earlier",
	    "", "", NOBODY, "", "", 0, 1, 0 },
	{ "age-26-limit", "age-26-limit", BIRTH, 312,
	    EHC__PERIOD_MONTHS, 0, 0, CFA "s46; " REGS "reg 46",
	    "a plan never runs past the day before the 26th birthday", "",
	    "", "", NOBODY, "", "", 0, 1, 0 },
	/* Re-assessment (s44(2)-(3), regs 24-27). */
	{ "reassess-decision", "reassess-decision",
	    "the day the request for a re-assessment was received", 15,
	    EHC__DAYS_BEGINNING, 0, 0, REGS "reg 25(1); " CFA "s44(2)",
	    "within 15 days of the request, counting the day of receipt: "
	    "receipt + 14",
	    "15 days after receipt would give receipt + 15", "", "",
	    AUTHORITY, "", "", 0, 0, 7 },
	{ "reassess-representations", "reassess-representations",
	    "the day the draft plan after re-assessment was served", 15,
	    EHC__DAYS_BEGINNING, 0, 0, REGS "reg 27(2), applying reg 13(1)",
	    "at least 15 days beginning with the day served: finalising "
	    "before served + 15 is refused", "", "", "", FAMILY,
	    "reassess final", "", 0, 0, 0 },
	{ "reassess-plan", "reassess-plan",
	    "the notice of the decision to re-assess, or the authority's own "
	    "decision (s44(3))", 14, EHC__WEEKS, 0, 0, REGS "reg 27(2)",
	    "the plan amended or replaced after re-assessment within 14 "
	    "weeks; exceptions reg 27(3)(a)-(d)", "", "", "",
	    AUTHORITY, "", CLOSURES, 0, 0, 28 },
	/* Ceasing (s45, regs 29-31) and appeals (HESC rules 12, 20, 21). */
	{ "cease-appeal", "appeal", "the decision to cease was sent", 2,
	    EHC__MONTHS, 0, 0, HESC "r.20(1)(c), r.12; " CFA "s45(4)",
	    "the plan is maintained until the time to appeal has passed, and "
	    "through any appeal", "", "", "", FAMILY, "cease end",
	    "", 1, 0, 0 },
	{ "cease-appeal-certificate", "appeal",
	    "the mediation certificate about the decision to cease", 1,
	    EHC__MONTHS, 0, 0, HESC "r.20(1)(c), r.12; " CFA "s45(4)",
	    "1 month from the certificate when that is later than 2 months "
	    "from the decision: the plan is maintained until then", "",
	    "", "", FAMILY, "cease end", "", 1, 0, 0 },
	{ "mediation-contact", "mediation-contact",
	    "the decision notice was sent", 2, EHC__MONTHS, 0, 0,
	    REGS "reg 33",
	    "the family's date to contact the mediation adviser", "",
	    "", "", FAMILY, "", "", 0, 1, 0 },
	{ "appeal", "appeal", "the decision notice was sent", 2, EHC__MONTHS,
	    0, 0, HESC "r.20(1)(c), r.12",
	    "the family's date to appeal; 1 month from a mediation "
	    "certificate if later", "the Tribunal may extend time",
	    "", "", FAMILY, "", "", 1, 1, 0 },
	{ "appeal-certificate", "appeal",
	    "the mediation certificate was issued", 1, EHC__MONTHS, 0, 0,
	    HESC "r.20(1)(c), r.12", "the family's date to appeal", "",
	    "", "", FAMILY, "", "", 1, 1, 0 },
	{ "mediation-arrange", "mediation-arrange",
	    "the family said they want mediation", 30, EHC__DAYS, 0, 0,
	    REGS "regs 36-37",
	    "the authority arranges the mediation within 30 days", "",
	    "", "", AUTHORITY, "", "", 0, 0, 7 },
	{ "mediation-certificate", "mediation-certificate",
	    "the mediation", 3, EHC__WORKING_DAYS_AFTER, 0, 0, REGS "reg 39",
	    "within 3 working days after the mediation: the mediator's duty",
	    "", "", "", MEDIATOR, "", "", 0, 1, 0 },
	{ "mediation-certificate-declined", "mediation-certificate",
	    "the family told the mediation adviser they do not want "
	    "mediation", 3, EHC__WORKING_DAYS_AFTER, 0, 0, REGS "reg 34",
	    "the adviser issues the certificate within 3 working days after "
	    "being told", "", "", "", MEDIATOR, "", "", 0, 1, 0 },
	{ "mediation-agreement", "mediation-agreement",
	    "the mediation agreement", 2, EHC__WEEKS, 0, 0, REGS "reg 42(3)",
	    "what the agreement requires that could not be appealed is done "
	    "within 2 weeks; an agreement about what could be appealed runs "
	    "as the Tribunal's order instead (agreement-order, reg 42(2))",
	    "the parties may agree other timescales in writing, which then "
	    "apply (reg 42(5))", "", "", AUTHORITY, "", "", 0, 0, 3 },
	{ "mediation-agreement-health", "mediation-agreement-health",
	    "a mediation agreement to which the authority was not a party",
	    1, EHC__WEEKS, 0, 0, REGS "reg 42(4)",
	    "the health commissioning body tells the authority within 1 week",
	    "", "", "", HEALTH, "", "", 0, 1, 0 },
	{ "tribunal-response", "tribunal-response",
	    "the authority received the appeal (or, until recorded, the day "
	    "it was lodged)", 30, EHC__WORKING_DAYS_AFTER, 0, 0,
	    HESC "r.21",
	    "the authority's response within 30 working days of receiving "
	    "the appeal (IPSEA)",
	    "GOV.UK says 6 weeks; the Tribunal's registration letter and "
	    "directions govern the case", "", "", AUTHORITY, "",
	    "", 0, 0, 10 },
	/* Tribunal orders (reg 44) and unopposed appeals (reg 45). */
	{ "order-assess-notify", "tribunal-order", "the order was made", 2,
	    EHC__WEEKS, 0, 0, REGS "reg 44(2)(b)",
	    "notify that the assessment will be made",
	    "GOV.UK counts from the day the Tribunal sends the order",
	    "", "", AUTHORITY, "", "", 0, 0, 3 },
	{ "order-assess-no-plan", "tribunal-order", "the order was made", 10,
	    EHC__WEEKS, 0, 0, REGS "reg 44(2)(b)",
	    "a decision not to issue a plan", "", "", "",
	    AUTHORITY, "", "", 0, 0, 14 },
	{ "order-assess-final", "tribunal-order", "the order was made", 14,
	    EHC__WEEKS, 0, 0, REGS "reg 44(2)(b)",
	    "the final plan after an assessment", "", "", "",
	    AUTHORITY, "", "", 0, 0, 14 },
	{ "order-plan-draft", "tribunal-order", "the order was made", 5,
	    EHC__WEEKS, 0, 0, REGS "reg 44(2)(c)", "the draft plan", "",
	    "", "", AUTHORITY, "", "", 0, 0, 7 },
	{ "order-plan-final", "tribunal-order", "the order was made", 11,
	    EHC__WEEKS, 0, 0, REGS "reg 44(2)(c)", "the final plan", "",
	    "", "", AUTHORITY, "", "", 0, 0, 14 },
	{ "order-amend", "tribunal-order", "the order was made", 5,
	    EHC__WEEKS, 0, 0, REGS "reg 44(2)(e)", "the amended plan", "",
	    "", "", AUTHORITY, "", "", 0, 0, 7 },
	{ "order-school", "tribunal-order", "the order was made", 2,
	    EHC__WEEKS, 0, 0, REGS "reg 44(2)(f)",
	    "the plan naming the school only", "", "", "",
	    AUTHORITY, "", "", 0, 0, 3 },
	{ "order-continue", "tribunal-order", "the order was made", 0,
	    EHC__DAYS, 0, 0, REGS "reg 44(2)(g)",
	    "continue to maintain the plan: immediately", "", "",
	    "", AUTHORITY, "", "", 0, 0, 0 },
	{ "unopposed-assess-notify", "unopposed-appeal",
	    "the authority told the Tribunal it will not oppose", 2,
	    EHC__WEEKS, 0, 0, REGS "reg 45 (substituted by SI 2015/359 reg 8)",
	    "an appeal about (re-)assessment: notify that the assessment will "
	    "be made", "the 2014 reg 45, before 23 March 2015, had other "
	    "limits", "2015-03-23", "", AUTHORITY, "", "", 0, 0, 3 },
	{ "unopposed-assess-no-plan", "unopposed-appeal",
	    "the authority told the Tribunal it will not oppose", 10,
	    EHC__WEEKS, 0, 0, REGS "reg 45 (substituted by SI 2015/359 reg 8)",
	    "a decision not to issue a plan, with reasons", "", "2015-03-23",
	    "", AUTHORITY, "", "", 0, 0, 14 },
	{ "unopposed-assess-final", "unopposed-appeal",
	    "the authority told the Tribunal it will not oppose", 14,
	    EHC__WEEKS, 0, 0, REGS "reg 45 (substituted by SI 2015/359 reg 8)",
	    "the final plan after the assessment", "", "2015-03-23", "",
	    AUTHORITY, "", "", 0, 0, 14 },
	{ "unopposed-amend", "unopposed-appeal",
	    "the authority told the Tribunal it will not oppose", 5,
	    EHC__WEEKS, 0, 0, REGS "reg 45 (substituted by SI 2015/359 reg 8)",
	    "an appeal about sections B or F, or a refusal to amend: the "
	    "amended plan within 5 weeks", "", "2015-03-23", "", AUTHORITY,
	    "", "", 0, 0, 7 },
	{ "unopposed-plan-draft", "unopposed-appeal",
	    "the authority told the Tribunal it will not oppose", 5,
	    EHC__WEEKS, 0, 0, REGS "reg 45 (substituted by SI 2015/359 reg 8)",
	    "a refusal to make a plan: the draft plan within 5 weeks, as reg "
	    "44 (the paragraph was not seen: UNCONFIRMED)", "", "2015-03-23",
	    "", AUTHORITY, "", "", 0, 0, 7 },
	{ "unopposed-plan-final", "unopposed-appeal",
	    "the authority told the Tribunal it will not oppose", 11,
	    EHC__WEEKS, 0, 0, REGS "reg 45 (substituted by SI 2015/359 reg 8)",
	    "a refusal to make a plan: the final plan within 11 weeks, as "
	    "reg 44 (UNCONFIRMED)", "", "2015-03-23", "", AUTHORITY, "", "",
	    0, 0, 14 },
	{ "unopposed-continue", "unopposed-appeal",
	    "the authority told the Tribunal it will not oppose", 0,
	    EHC__DAYS, 0, 0, REGS "reg 45 (substituted by SI 2015/359 reg 8)",
	    "an appeal against ceasing: the plan is maintained, immediately",
	    "", "2015-03-23", "", AUTHORITY, "", "", 0, 0, 0 },
	/*
	 * A mediation agreement about what could be appealed: reg 44's
	 * limits from its date, as if it were the Tribunal's order.
	 */
	{ "agreement-assess-notify", "agreement-order", AGREED, 2,
	    EHC__WEEKS, 0, 0, REGS "reg 42(2), applying reg 44(2)(b)",
	    AS_ORDERED "notify that the assessment will be made",
	    "the parties may agree other timescales in writing (reg 42(5))",
	    "", "", AUTHORITY, "", "", 0, 0, 3 },
	{ "agreement-assess-no-plan", "agreement-order", AGREED, 10,
	    EHC__WEEKS, 0, 0, REGS "reg 42(2), applying reg 44(2)(b)",
	    AS_ORDERED "a decision not to issue a plan", "", "", "",
	    AUTHORITY, "", "", 0, 0, 14 },
	{ "agreement-assess-final", "agreement-order", AGREED, 14,
	    EHC__WEEKS, 0, 0, REGS "reg 42(2), applying reg 44(2)(b)",
	    AS_ORDERED "the final plan after an assessment", "", "", "",
	    AUTHORITY, "", "", 0, 0, 14 },
	{ "agreement-plan-draft", "agreement-order", AGREED, 5, EHC__WEEKS,
	    0, 0, REGS "reg 42(2), applying reg 44(2)(c)",
	    AS_ORDERED "the draft plan", "", "", "", AUTHORITY, "", "",
	    0, 0, 7 },
	{ "agreement-plan-final", "agreement-order", AGREED, 11, EHC__WEEKS,
	    0, 0, REGS "reg 42(2), applying reg 44(2)(c)",
	    AS_ORDERED "the final plan", "", "", "", AUTHORITY, "", "",
	    0, 0, 14 },
	{ "agreement-amend", "agreement-order", AGREED, 5, EHC__WEEKS, 0, 0,
	    REGS "reg 42(2), applying reg 44(2)(e)",
	    AS_ORDERED "the amended plan", "", "", "", AUTHORITY, "", "",
	    0, 0, 7 },
	{ "agreement-school", "agreement-order", AGREED, 2, EHC__WEEKS, 0, 0,
	    REGS "reg 42(2), applying reg 44(2)(f)",
	    AS_ORDERED "the plan naming the school only", "", "", "",
	    AUTHORITY, "", "", 0, 0, 3 },
	{ "agreement-continue", "agreement-order", AGREED, 0, EHC__DAYS, 0,
	    0, REGS "reg 42(2), applying reg 44(2)(g)",
	    AS_ORDERED "continue to maintain the plan: immediately", "", "",
	    "", AUTHORITY, "", "", 0, 0, 0 },
	/* Moves between authorities (reg 15). */
	{ "transfer-out", "transfer-out",
	    "the authority became aware of the move", 15,
	    EHC__WORKING_DAYS_BEGINNING, 0, 0, REGS "reg 15(2)",
	    "on the day of the move when aware 15 working days or more before "
	    "it; otherwise 15 working days beginning with the day it became "
	    "aware", "", "", "", AUTHORITY, "", "", 0, 0, 5 },
	{ "transfer-notice", "transfer-notice", "the transfer", 6,
	    EHC__WEEKS, 0, 0, REGS "reg 15(4)",
	    "tell the family the plan has transferred, whether an assessment "
	    "is proposed and when the review will be", "", "", "",
	    AUTHORITY, "", "", 0, 0, 7 },
	{ "transfer-review", "annual-review", "the transfer", 3,
	    EHC__PERIOD_MONTHS, 0, 0, REGS "reg 15(5)",
	    "the review is due by the later of the 12-month date and 3 months "
	    "from the transfer", "", "", "", AUTHORITY, "", "",
	    0, 0, 42 },
	/* Personal budgets (SI 2014/1652). */
	{ "direct-payment-review", "direct-payment-review",
	    "the first direct payment", 3, EHC__PERIOD_MONTHS, 0, 0,
	    "Special Educational Needs (Personal Budgets) Regulations 2014 "
	    "reg 11",
	    "at least once in the first 3 months: first payment + 3 months - "
	    "1 day; then at each annual review",
	    "first payment + 3 months would give one day later", "",
	    "", AUTHORITY, "", "", 0, 0, 14 },
	/*
	 * The exceptions ehc exception records: each names the steps it
	 * applies to (the rules whose exceptions list it); none moves a
	 * date.
	 */
	{ "school-closure", "exception",
	    "advice asked of a school or post-16 institution in the week "
	    "before a closure of 4 weeks or more, to the week before it "
	    "re-opens", 0, EHC__LIMB, 0, 0,
	    REGS "regs 5(4)(a), 10(4)(a), 13(3), 27(3)(a)",
	    "the time limit gives way to 'as soon as practicable' when "
	    "impractical for that reason; the date is still shown", "",
	    "", "", AUTHORITY, "", "", 0, 0, 0 },
	{ "early-years-closure", "exception",
	    "the same, for an early years provider", 0, EHC__LIMB, 0, 0,
	    REGS "regs 5(4)(b), 10(4)(b), 13(3), 27(3)(b)",
	    "as school-closure", "", "", "", AUTHORITY, "", "",
	    0, 0, 0 },
	{ "personal-circumstances", "exception",
	    "exceptional personal circumstances of the child, young person "
	    "or parent", 0, EHC__LIMB, 0, 0,
	    REGS "regs 5(4)(c), 8(2)(a), 10(4)(c), 13(3), 27(3)(c)",
	    "as school-closure", "", "", "", AUTHORITY, "", "",
	    0, 0, 0 },
	{ "absence", "exception",
	    "the child, young person or parent away from the area for 4 weeks "
	    "or more", 0, EHC__LIMB, 0, 0,
	    REGS "regs 5(4)(d), 8(2)(b), 10(4)(d), 13(3), 27(3)(d)",
	    "as school-closure", "", "", "", AUTHORITY, "", "",
	    0, 0, 0 },
	{ "missed-appointment", "exception",
	    "the child or young person missed an appointment the adviser "
	    "made", 0, EHC__LIMB, 0, 0, REGS "reg 8(2)(c)",
	    "advice only", "", "", "", ADVISER, "", "", 0, 0, 0 },
	{ "coronavirus", "exception",
	    "a time limit that could not be met for a reason relating to "
	    "coronavirus", 0, EHC__LIMB, 0, 0,
	    "SEND (Coronavirus) (Amendment) Regulations 2020 (SI 2020/471)",
	    "only for deadlines falling from 2020-05-01 to 2020-09-25, for "
	    "legacy records and back-reporting",
	    "cases in progress on 25 September 2020 are UNCONFIRMED",
	    "2020-05-01", "2020-09-25", AUTHORITY, "", "", 0, 0, 0 },
};

#define NRULES ((int)(sizeof(registry) / sizeof(registry[0])))

/*
 * The work that leads to a statutory date, each with its lead time: the
 * act-by date is the deadline's date less lead days.  ehc due lists an
 * action from its act-by date's window until its deadline is done or
 * the action is (action.c says when).
 */
static const struct ehc__action actions[] = {
	{ "book-review-meeting", "annual-review", 98,
	    "book the annual review meeting",
	    "10 weeks before the latest meeting date, the review date less 4 "
	    "weeks for a full 4-week decision (reg 20(10))" },
	{ "invite-review", "annual-review", 42,
	    "send the review invitations and request advice",
	    "at least 2 weeks before the meeting (reg 20(3)-(4)): the booked "
	    "meeting, or the latest meeting date" },
	{ "phase-review-meeting", "phase-transfer", 84,
	    "hold the phase-transfer review meeting",
	    "4 weeks before the amendment notice (reg 20(10))" },
	{ "propose-phase-amendments", "phase-transfer", 56,
	    "propose the phase-transfer amendments",
	    "8 weeks before the transfer deadline (reg 22(3))" },
	{ "chase-advice", "advice", 7, "chase the advice not yet received",
	    "1 week before the advice is due (reg 8(1))" },
	{ "draft-plan", "final-plan", 42, "issue the draft plan",
	    "week 14 of the 20, leaving the 15 days for representations and "
	    "time to finalise (reg 13)" },
};

#define NACTIONS ((int)(sizeof(actions) / sizeof(actions[0])))

static const char *const unit_names[] = {
	[EHC__WEEKS] = "weeks",
	[EHC__DAYS] = "days",
	[EHC__DAYS_BEGINNING] = "days-beginning-with",
	[EHC__MONTHS] = "months",
	[EHC__PERIOD_MONTHS] = "period-months",
	[EHC__YEARS] = "years",
	[EHC__WORKING_DAYS_BEGINNING] = "working-days-beginning-with",
	[EHC__WORKING_DAYS_AFTER] = "working-days-after",
	[EHC__BEFORE_DATE] = "before-date",
	[EHC__SCHOOL_AGE_END] = "school-age-end",
	[EHC__ACADEMIC_YEAR_END] = "academic-year-end",
	[EHC__LIMB] = "exception",
};

const struct ehc__rule *
ehc__rules(int *n)
{
	*n = NRULES;
	return registry;
}

const struct ehc__rule *
ehc__rule(const char *id)
{
	int i;

	for (i = 0; i < NRULES; i++)
		if (registry[i].id[0] == id[0] &&
		    strcmp(registry[i].id, id) == 0)
			return &registry[i];
	return NULL;
}

const struct ehc__action *
ehc__actions(int *n)
{
	*n = NACTIONS;
	return actions;
}

const char *
ehc__unit_name(enum ehc__unit unit)
{
	return unit_names[unit];
}

int
ehc__rule_days(const char *id)
{
	const struct ehc__rule *ru = ehc__rule(id);

	if (ru == NULL)
		return -1;
	switch (ru->unit) {
	case EHC__WEEKS:
		return 7 * ru->amount;
	case EHC__DAYS:
		return ru->amount;
	case EHC__DAYS_BEGINNING:
		return ru->amount - 1;
	default:
		return -1;
	}
}

static int32_t
day_of(const char *ymd)
{
	int32_t d = EHC_NO_DATE;

	if (*ymd != '\0')
		ehc_date_parse(&d, ymd);
	return d;
}

int
ehc__rule_valid(const struct ehc__rule *ru, int32_t day)
{
	int32_t from = day_of(ru->valid_from), to = day_of(ru->valid_to);

	return (from == EHC_NO_DATE || day >= from) &&
	    (to == EHC_NO_DATE || day <= to);
}

int
ehc__rule_unstored(const struct ehc__rule *ru)
{
	return strcmp(ru->trigger, BIRTH) == 0;
}

int
ehc__rule_lapses(const struct ehc__rule *ru)
{
	return strcmp(ru->binds, FAMILY) == 0 || strcmp(ru->binds, NOBODY) == 0;
}

/*
 * The rules whose deadlines the SEN2 return shows met, with the items
 * that show it (sen2-return.md, modules 3 to 5): the decisions to assess
 * and to issue, the final plan, and the latest annual review's meeting
 * and decision.  A phase transfer the return reports is stored as one
 * (the clock knows it is); the other steps leave no trace in it.
 */
static const char *const in_sen2[] = {
	"decide-assess",	/* 2.4-2.5 RequestOutcome and its date */
	"decide-issue",		/* 3.1-3.2 AssessmentOutcome and its date */
	"final-plan",		/* 3.2 for Y: the day the plan was issued */
	"annual-review",	/* 5.4a ReviewMeeting, 5.4b LastReview */
	"review-decision",	/* 5.4b LastReview */
};

int
ehc__rule_in_sen2(const struct ehc__rule *ru)
{
	size_t i;

	for (i = 0; i < sizeof(in_sen2) / sizeof(in_sen2[0]); i++)
		if (strcmp(ru->id, in_sen2[i]) == 0)
			return 1;
	return 0;
}

int
ehc__school_year(int32_t dob, int32_t day)
{
	int y, m, d;

	ehc_date_to_ymd(&y, &m, &d, day);
	if (m < 9)
		y--;
	return ehc_date_age(dob, ehc_date_from_ymd(y + 1, 8, 31)) - 5;
}

/* The birthday at age years, 29 February becoming 28 February. */
static int32_t
birthday(int32_t dob, int years)
{
	return ehc_date_add_months(dob, 12 * years);
}

/*
 * The last Friday in June of the school year (1 September to 31 August)
 * in which a child born on dob turns age.
 */
static int32_t
school_age_end(int32_t dob, int age)
{
	int y, m, d;
	int32_t june30;

	ehc_date_to_ymd(&y, &m, &d, birthday(dob, age));
	june30 = ehc_date_from_ymd(m >= 9 ? y + 1 : y, 6, 30);
	/* Friday is weekday 4. */
	return june30 - (ehc_date_weekday(june30) + 7 - 4) % 7;
}

int32_t
ehc_school_age_end(int32_t dob)
{
	return dob == EHC_NO_DATE ? EHC_NO_DATE : school_age_end(dob, 16);
}

/*
 * HESC rule 12: an act due on a non-working day is in time on the next
 * working day; an appeal deadline falling from 25 December to 1 January
 * or in August moves to the first working day after 1 January or after
 * 31 August.
 */
static int32_t
tribunal_day(struct ehc_db *db, int32_t due, char *why, size_t len)
{
	int y, m, d;
	int32_t moved = due;

	ehc_date_to_ymd(&y, &m, &d, due);
	if ((m == 12 && d >= 25) || (m == 1 && d == 1)) {
		moved = ehc_db_add_working_days(db,
		    ehc_date_from_ymd(m == 12 ? y + 1 : y, 1, 2), 0);
		snprintf(why, len, "falls from 25 December to 1 January, so "
		    "the first working day after 1 January");
	} else if (m == 8) {
		moved = ehc_db_add_working_days(db, ehc_date_from_ymd(y, 9, 1),
		    0);
		snprintf(why, len, "falls in August, so the first working day "
		    "after 31 August");
	} else if (!ehc_db_is_working_day(db, due)) {
		moved = ehc_db_add_working_days(db, due, 0);
		snprintf(why, len, "falls on a non-working day, so the next "
		    "working day");
	} else
		why[0] = '\0';
	return moved;
}

/* How ehc__rule_due() reached due from t; see there. */
static void
explain_rule(const struct ehc__rule *ru, int32_t t, const char *label,
    int32_t anchor, int32_t due, int32_t moved, const char *why,
    char *explain, size_t len)
{
	char ts[EHC_DATE_LEN], ds[EHC_DATE_LEN], as[EHC_DATE_LEN];
	int y, m, d;
	size_t n;

	ehc_date_format(ts, sizeof(ts), t);
	ehc_date_format(ds, sizeof(ds), due);
	ehc_date_format(as, sizeof(as), anchor);
	switch (ru->unit) {
	case EHC__WEEKS:
		n = (size_t)snprintf(explain, len, "%s (%s) + %d weeks (%d "
		    "days) = %s", ts, label, ru->amount, 7 * ru->amount, ds);
		break;
	case EHC__DAYS:
		n = (size_t)snprintf(explain, len, "%s (%s) + %d days = %s",
		    ts, label, ru->amount, ds);
		break;
	case EHC__DAYS_BEGINNING:
		n = (size_t)snprintf(explain, len, "%d days beginning with %s "
		    "(%s) counts that day as day 1: %s + %d = %s", ru->amount,
		    ts, label, ts, ru->amount - 1, ds);
		break;
	case EHC__MONTHS:
		n = (size_t)snprintf(explain, len, "%s (%s) %+d calendar "
		    "months (a missing day becomes the month's last) = %s", ts,
		    label, ru->amount, ds);
		break;
	case EHC__PERIOD_MONTHS:
		n = (size_t)snprintf(explain, len, "the %d-month period "
		    "starting with %s (%s)%s%s ends on %s + %d months - 1 day "
		    "= %s", ru->amount, ts, label, anchor != t ?
		    ", clamped to " : "", anchor != t ? as : "", as,
		    ru->amount, ds);
		break;
	case EHC__YEARS:
		n = (size_t)snprintf(explain, len, "%s (%s) + %d years (29 "
		    "February becomes 28 February) = %s", ts, label,
		    ru->amount, ds);
		break;
	case EHC__WORKING_DAYS_BEGINNING:
		n = (size_t)snprintf(explain, len, "%d working days beginning "
		    "with %s (%s), without weekends and bank holidays: %s",
		    ru->amount, ts, label, ds);
		break;
	case EHC__WORKING_DAYS_AFTER:
		n = (size_t)snprintf(explain, len, "%d working days after %s "
		    "(%s), counting from the next day without weekends and "
		    "bank holidays: %s", ru->amount, ts, label, ds);
		break;
	case EHC__SCHOOL_AGE_END:
		n = (size_t)snprintf(explain, len, "%s (%s): the age of %d is "
		    "reached on %s, in the school year ending on 31 August "
		    "after it; the last Friday in June of that year is %s", ts,
		    label, ru->amount, as, ds);
		break;
	case EHC__ACADEMIC_YEAR_END:
		n = (size_t)snprintf(explain, len, "%s (%s): the age of %d is "
		    "reached on %s; the academic year it falls in ends on 31 "
		    "July: %s, never after the day before the %dth birthday",
		    ts, label, ru->amount, as, ds, ru->amount + 1);
		break;
	case EHC__BEFORE_DATE:
		ehc_date_to_ymd(&y, &m, &d, t);
		n = (size_t)snprintf(explain, len, "before %02d-%02d of the "
		    "transfer year %d (%s on %s): the last day is %s",
		    ru->fixed_month, ru->fixed_day, y, label, ts, ds);
		break;
	default:	/* EHC__LIMB: no date */
		n = (size_t)snprintf(explain, len, "%s", ru->trigger);
		break;
	}
	if (moved != due && n < len) {
		ehc_date_format(ds, sizeof(ds), moved);
		n += (size_t)snprintf(explain + n, len - n, "; it %s (HESC "
		    "rule 12): %s", why, ds);
	}
	if (n < len)
		n += (size_t)snprintf(explain + n, len - n, "; %s; %s",
		    ru->regulation, ru->reading);
	if (n < len && ru->alternative[0] != '\0')
		snprintf(explain + n, len - n, "; other reading: %s",
		    ru->alternative);
}

int32_t
ehc__rule_due(struct ehc_db *db, const struct ehc__rule *ru, int32_t t,
    const char *label, char *explain, size_t len)
{
	int32_t due, anchor = t, moved, limit;
	char why[96] = "";
	int y, m, d;

	switch (ru->unit) {
	case EHC__WEEKS:
		due = t + 7 * ru->amount;
		break;
	case EHC__DAYS:
		due = t + ru->amount;
		break;
	case EHC__DAYS_BEGINNING:
		due = t + ru->amount - 1;
		break;
	case EHC__MONTHS:
		due = ehc_date_add_months(t, ru->amount);
		break;
	case EHC__PERIOD_MONTHS:
		/* A period of whole years from 29 February: 28 February. */
		ehc_date_to_ymd(&y, &m, &d, t);
		if (m == 2 && d == 29 && ru->amount % 12 == 0)
			anchor = t - 1;
		due = ehc_date_add_months(anchor, ru->amount) - 1;
		break;
	case EHC__YEARS:
		due = birthday(t, ru->amount);
		break;
	case EHC__WORKING_DAYS_BEGINNING:
		due = ehc_db_add_working_days(db, t, ru->amount - 1);
		break;
	case EHC__WORKING_DAYS_AFTER:
		due = ehc_db_add_working_days(db, t + 1, ru->amount - 1);
		break;
	case EHC__SCHOOL_AGE_END:
		anchor = birthday(t, ru->amount);
		due = school_age_end(t, ru->amount);
		break;
	case EHC__ACADEMIC_YEAR_END:
		anchor = birthday(t, ru->amount);
		ehc_date_to_ymd(&y, &m, &d, anchor);
		due = ehc_date_from_ymd(m >= 8 ? y + 1 : y, 7, 31);
		limit = birthday(t, ru->amount + 1) - 1;
		if (due > limit)
			due = limit;
		break;
	case EHC__BEFORE_DATE:
		ehc_date_to_ymd(&y, &m, &d, t);
		due = ehc_date_from_ymd(y, ru->fixed_month, ru->fixed_day) - 1;
		break;
	default:	/* EHC__LIMB */
		due = t;
		break;
	}
	moved = ru->tribunal ? tribunal_day(db, due, why, sizeof(why)) : due;
	if (explain != NULL)
		explain_rule(ru, t, label, anchor, due, moved, why, explain,
		    len);
	return moved;
}

/* The fields of a rule as text, the order ehc rules and the table use. */
static void
fields(const struct ehc__rule *ru, char *fixed, size_t len)
{
	if (ru->unit == EHC__BEFORE_DATE)
		snprintf(fixed, len, "%02d-%02d", ru->fixed_month,
		    ru->fixed_day);
	else
		fixed[0] = '\0';
}

void
ehc__rules_digest(char out[EHC__SHA256_HEX])
{
	struct ehc__sha256 c;
	char num[64], fixed[8];
	const char *text[14];
	int i, j;

	ehc__sha256_init(&c);
	for (i = 0; i < NRULES; i++) {
		const struct ehc__rule *ru = &registry[i];

		fields(ru, fixed, sizeof(fixed));
		text[0] = ru->id;
		text[1] = ru->rule;
		text[2] = ru->trigger;
		text[3] = unit_names[ru->unit];
		text[4] = fixed;
		text[5] = ru->regulation;
		text[6] = ru->reading;
		text[7] = ru->alternative;
		text[8] = ru->valid_from;
		text[9] = ru->valid_to;
		text[10] = ru->binds;
		text[11] = ru->blocks;
		text[12] = ru->exceptions;
		snprintf(num, sizeof(num), "%d %d %d %d", ru->amount,
		    ru->tribunal, ru->advisory, ru->lead);
		text[13] = num;
		for (j = 0; j < 14; j++)
			ehc__sha256_update(&c, text[j], strlen(text[j]) + 1);
	}
	ehc__sha256_hex_final(&c, out);
}

/* The store's copy of the registry, written again whole. */
int
ehc__rules_store(struct ehc_db *db)
{
	static const struct ehc__insert ins = {
		"INSERT INTO rule(id, rule, trigger, amount, unit, fixed, "
		"regulation, reading, alternative, valid_from, valid_to, "
		"binds, blocks, exceptions, calendar, advisory, lead, seq) "
		"VALUES ", 18, "storing the rules"
	};
	struct ehc__batch *b;
	char fixed[8];
	int i, rc;

	if ((rc = ehc__db_exec(db, "DELETE FROM rule")) != EHC_OK ||
	    (rc = ehc__batch_open(db, &ins, &b)) != EHC_OK)
		return rc;
	for (i = 0; rc == EHC_OK && i < NRULES; i++) {
		const struct ehc__rule *ru = &registry[i];

		fields(ru, fixed, sizeof(fixed));
		ehc__batch_text(b, 0, ru->id);
		ehc__batch_text(b, 1, ru->rule);
		ehc__batch_text(b, 2, ru->trigger);
		ehc__batch_int(b, 3, ru->amount);
		ehc__batch_text(b, 4, unit_names[ru->unit]);
		ehc__batch_text(b, 5, fixed);
		ehc__batch_text(b, 6, ru->regulation);
		ehc__batch_text(b, 7, ru->reading);
		ehc__batch_text(b, 8, ru->alternative);
		ehc__batch_text(b, 9, ru->valid_from);
		ehc__batch_text(b, 10, ru->valid_to);
		ehc__batch_text(b, 11, ru->binds);
		ehc__batch_text(b, 12, ru->blocks);
		ehc__batch_text(b, 13, ru->exceptions);
		ehc__batch_text(b, 14, ru->tribunal ? "tribunal" : "send");
		ehc__batch_int(b, 15, ru->advisory);
		ehc__batch_int(b, 16, ru->lead);
		ehc__batch_int(b, 17, i + 1);
		rc = ehc__batch_row(b);
	}
	if (rc == EHC_OK)
		rc = ehc__batch_flush(b);
	ehc__batch_close(b);
	return rc;
}

int
ehc_rule_foreach(struct ehc_db *db,
    int (*cb)(const struct ehc_rule *, void *), void *payload)
{
	struct ehc_rule out;
	char fixed[8];
	int i, rc;

	(void)db;
	for (i = 0; i < NRULES; i++) {
		const struct ehc__rule *ru = &registry[i];

		fields(ru, fixed, sizeof(fixed));
		memset(&out, 0, sizeof(out));
		out.id = ru->id;
		out.rule = ru->rule;
		out.regulation = ru->regulation;
		out.trigger = ru->trigger;
		out.amount = ru->amount;
		out.unit = unit_names[ru->unit];
		out.fixed = fixed[0] ? fixed : NULL;
		out.exceptions = ru->exceptions;
		out.note = ru->reading;
		out.alternative = ru->alternative;
		out.valid_from = ru->valid_from[0] ? ru->valid_from : NULL;
		out.valid_to = ru->valid_to[0] ? ru->valid_to : NULL;
		out.binds = ru->binds;
		out.blocks = ru->blocks;
		out.calendar = ru->tribunal ? "tribunal" : "send";
		out.advisory = ru->advisory;
		out.lead = ru->lead;
		if ((rc = cb(&out, payload)) != 0)
			return rc;
	}
	return EHC_OK;
}
