/*
 * text — stage 2: the built-in English word table. Closed-class words with their tag (and
 * lemma and verb form for be/have/do and contractions), abbreviations that keep their period,
 * month and weekday names, and a few open-class words whose tag the suffix rules would get
 * wrong ("news", "officials", "family", "foreign").
 *
 * How to extend: add a row anywhere (order does not matter; the lexicon hashes every row at
 * load time). Write the word in lower case, abbreviations with their final period. Rows are
 * { word, lemma or NULL, ent_pos, ent_vform, ENT_LX_* flags }. ENT_LX_CLOSED makes the tagger
 * take the tag from the table; without it the row only adds knowledge (a known noun or
 * adjective, a demonym) and the tagger still decides from context. If a word appears twice,
 * the first row wins. Keep WordNet-derived facts (verbs, irregular forms) out of this table:
 * they come from the WordNet files at load time.
 */
#include "text_internal.h"

/* The table reads better with several rows to a line. */
/* clang-format off */
#define C ENT_LX_CLOSED
#define ST ENT_LX_STARTER
#define PAST_TOO (ENT_LX_PART_BASE | ENT_LX_PAST_BASE)

/* closed-class word, tag only */
#define W(w, pos, fl) {w, NULL, ENT_POS_##pos, ENT_VF_NONE, C | (fl)}
/* closed-class word with a lemma and verb form (be, have, do, modals, contractions) */
#define V(w, lemma, pos, vf, fl) {w, lemma, ENT_POS_##pos, ENT_VF_##vf, C | (fl)}
/* abbreviation keeping its period */
#define A(w, pos, fl) {w, NULL, ENT_POS_##pos, ENT_VF_NONE, C | ENT_LX_ABBR | (fl)}
/* open-class word: knowledge only, the tagger decides */
#define O(w, pos, fl) {w, NULL, ENT_POS_##pos, ENT_VF_NONE, (fl)}

const ent_text__closed ent_text__closed_class[] = {
    /* ---- determiners ---- */
    W("the", DET, ST | ENT_LX_THE), W("a", DET, ST), W("an", DET, ST), W("this", DET, ST),
    W("these", DET, ST), W("those", DET, ST), W("each", DET, ST), W("every", DET, ST),
    W("either", DET, 0), W("neither", DET, 0), W("some", DET, ST), W("any", DET, ST),
    W("all", DET, ST), W("both", DET, ST), W("half", DET, 0), W("several", DET, ST),
    W("many", DET, ST), W("much", DET, 0), W("few", DET, 0), W("another", DET, ST),
    W("such", DET, 0), W("my", DET, ST), W("your", DET, ST), W("his", DET, ST | ENT_LX_POSSDET),
    W("her", DET, ST | ENT_LX_POSSDET), W("its", DET, ST), W("our", DET, ST),
    W("their", DET, ST), W("that", SCONJ, ST | ENT_LX_THAT),

    /* ---- pronouns ---- */
    W("i", PRON, ST | ENT_LX_SUBJ), W("you", PRON, ST | ENT_LX_SUBJ),
    W("he", PRON, ST | ENT_LX_SUBJ), W("she", PRON, ST | ENT_LX_SUBJ),
    W("it", PRON, ST | ENT_LX_SUBJ), W("we", PRON, ST | ENT_LX_SUBJ),
    W("they", PRON, ST | ENT_LX_SUBJ), W("there", PRON, ST | ENT_LX_SUBJ),
    W("me", PRON, 0), W("him", PRON, 0), W("us", PRON, ENT_LX_CAPS_PROPN), W("them", PRON, 0),
    W("myself", PRON, 0), W("yourself", PRON, 0), W("himself", PRON, 0), W("herself", PRON, 0),
    W("itself", PRON, 0), W("ourselves", PRON, 0), W("yourselves", PRON, 0),
    W("themselves", PRON, 0), W("mine", PRON, 0), W("yours", PRON, 0), W("hers", PRON, 0),
    W("ours", PRON, 0), W("theirs", PRON, 0), W("someone", PRON, ST), W("somebody", PRON, 0),
    W("something", PRON, ST), W("anyone", PRON, 0), W("anybody", PRON, 0),
    W("anything", PRON, 0), W("everyone", PRON, ST), W("everybody", PRON, 0),
    W("everything", PRON, 0), W("nobody", PRON, ST), W("nothing", PRON, ST),
    W("none", PRON, ST), W("others", PRON, 0),

    /* ---- prepositions ---- */
    W("of", ADP, ENT_LX_OF), W("to", ADP, ENT_LX_TO), W("in", ADP, ST), W("on", ADP, ST),
    W("at", ADP, ST), W("by", ADP, ST | ENT_LX_BY), W("for", ADP, ST), W("with", ADP, ST),
    W("from", ADP, ST), W("into", ADP, 0), W("onto", ADP, 0), W("upon", ADP, 0),
    W("about", ADP, 0), W("above", ADP, 0), W("across", ADP, 0), W("against", ADP, ST),
    W("along", ADP, 0), W("alongside", ADP, 0), W("amid", ADP, ST), W("amidst", ADP, 0),
    W("among", ADP, ST), W("amongst", ADP, 0), W("around", ADP, ST), W("behind", ADP, 0),
    W("below", ADP, 0), W("beneath", ADP, 0), W("beside", ADP, 0), W("besides", ADP, 0),
    W("between", ADP, 0), W("beyond", ADP, 0), W("despite", ADP, ST), W("down", ADP, 0),
    W("during", ADP, ST), W("except", ADP, 0), W("inside", ADP, 0), W("like", ADP, ST),
    W("near", ADP, 0), W("off", ADP, 0), W("out", ADP, 0), W("outside", ADP, 0),
    W("over", ADP, ST), W("past", ADP, 0), W("per", ADP, 0), W("through", ADP, 0),
    W("throughout", ADP, 0), W("toward", ADP, 0), W("towards", ADP, 0), W("under", ADP, ST),
    W("underneath", ADP, 0), W("unlike", ADP, ST), W("up", ADP, 0), W("via", ADP, 0),
    W("within", ADP, 0), W("without", ADP, ST), W("than", ADP, 0), W("versus", ADP, 0),
    W("according", ADP, ST), W("regarding", ADP, 0), W("concerning", ADP, 0),
    W("including", ADP, 0), W("following", ADP, ST), W("ahead", ADV, 0),
    W("after", ADP, ST | ENT_LX_ADP_SCONJ), W("before", ADP, ST | ENT_LX_ADP_SCONJ),
    W("since", ADP, ST | ENT_LX_ADP_SCONJ), W("until", ADP, ST | ENT_LX_ADP_SCONJ),
    W("till", ADP, ENT_LX_ADP_SCONJ), W("as", ADP, ST | ENT_LX_ADP_SCONJ),

    /* ---- conjunctions and subordinators ---- */
    W("and", CCONJ, ST | ENT_LX_AND), W("or", CCONJ, ST), W("but", CCONJ, ST), W("nor", CCONJ, ST),
    W("plus", CCONJ, 0), W("because", SCONJ, ST), W("although", SCONJ, ST),
    W("though", SCONJ, ST), W("whereas", SCONJ, ST), W("while", SCONJ, ST),
    W("whilst", SCONJ, ST), W("if", SCONJ, ST), W("unless", SCONJ, ST),
    W("whether", SCONJ, ST), W("lest", SCONJ, 0), W("once", SCONJ, ST),

    /* ---- wh-words ---- */
    W("who", WH, ST), W("whom", WH, 0), W("whose", WH, ST), W("which", WH, ST),
    W("what", WH, ST), W("where", WH, ST), W("when", WH, ST), W("why", WH, ST),
    W("how", WH, ST), W("whoever", WH, 0), W("whatever", WH, ST), W("wherever", WH, 0),
    W("whenever", WH, 0), W("whereby", WH, 0),

    /* ---- negation ---- */
    V("not", NULL, NEG, NONE, ST), V("n't", "not", NEG, NONE, 0), W("never", NEG, ST),
    W("no", NEG, ST),

    /* ---- modals ("ca", "wo", "sha" are what is left of can't, won't, shan't) ---- */
    W("will", MODAL, 0), W("would", MODAL, 0), W("can", MODAL, 0), W("could", MODAL, 0),
    W("may", MODAL, ENT_LX_MAY), W("might", MODAL, 0), W("must", MODAL, 0),
    W("shall", MODAL, 0), W("should", MODAL, 0), W("ought", MODAL, 0),
    V("ca", "can", MODAL, NONE, 0), V("wo", "will", MODAL, NONE, 0),
    V("sha", "shall", MODAL, NONE, 0), V("'ll", "will", MODAL, NONE, 0),
    V("'d", "would", MODAL, NONE, 0),

    /* ---- auxiliaries: be, have, do in all forms ---- */
    V("be", "be", AUX, BASE, ENT_LX_BE), V("am", "be", AUX, S, ENT_LX_BE),
    V("is", "be", AUX, S, ENT_LX_BE), V("are", "be", AUX, S, ENT_LX_BE),
    V("was", "be", AUX, PAST, ENT_LX_BE), V("were", "be", AUX, PAST, ENT_LX_BE),
    V("been", "be", AUX, PAST, ENT_LX_BE), V("being", "be", AUX, ING, ENT_LX_BE),
    V("'re", "be", AUX, S, ENT_LX_BE), V("'m", "be", AUX, S, ENT_LX_BE),
    V("have", "have", AUX, BASE, ENT_LX_HAVE), V("has", "have", AUX, S, ENT_LX_HAVE),
    V("had", "have", AUX, PAST, ENT_LX_HAVE), V("having", "have", AUX, ING, ENT_LX_HAVE),
    V("'ve", "have", AUX, BASE, ENT_LX_HAVE), V("do", "do", AUX, BASE, ENT_LX_DO),
    V("does", "do", AUX, S, ENT_LX_DO), V("did", "do", AUX, PAST, ENT_LX_DO),
    /* possessive; the tagger makes it AUX ("is"/"has") after a pronoun or before a verb */
    W("'s", POSS, 0),

    /* ---- adverbs ---- */
    W("also", ADV, ST), W("already", ADV, 0), W("still", ADV, ST), W("reportedly", ADV, 0),
    W("recently", ADV, ST), W("yesterday", ADV, ST), W("today", ADV, ST),
    W("tomorrow", ADV, ST), W("tonight", ADV, ST), W("now", ADV, ST), W("then", ADV, ST),
    W("again", ADV, 0), W("just", ADV, 0), W("even", ADV, ST), W("only", ADV, ST),
    W("ever", ADV, 0), W("soon", ADV, ST), W("later", ADV, ST), W("earlier", ADV, ST),
    W("twice", ADV, 0), W("however", ADV, ST), W("meanwhile", ADV, ST),
    W("instead", ADV, ST), W("together", ADV, 0), W("very", ADV, 0), W("too", ADV, 0),
    W("quite", ADV, 0), W("rather", ADV, 0), W("almost", ADV, ST), W("nearly", ADV, ST),
    W("further", ADV, ST), W("furthermore", ADV, ST), W("moreover", ADV, ST),
    W("back", ADV, 0), W("away", ADV, 0), W("ago", ADV, 0), W("here", ADV, ST),
    W("thus", ADV, ST), W("therefore", ADV, ST), W("hence", ADV, ST), W("perhaps", ADV, ST),
    W("maybe", ADV, ST), W("so", ADV, ST), W("yet", ADV, ST), W("well", ADV, 0),
    W("else", ADV, 0), W("otherwise", ADV, ST), W("anyway", ADV, 0), W("indeed", ADV, ST),
    W("nevertheless", ADV, ST), W("nonetheless", ADV, ST), W("likewise", ADV, ST),
    W("thereby", ADV, 0), W("always", ADV, 0), W("often", ADV, ST), W("sometimes", ADV, ST),
    W("usually", ADV, 0), W("seldom", ADV, 0), W("enough", ADV, 0), W("abroad", ADV, 0),
    W("overseas", ADV, 0), W("forward", ADV, 0), W("downward", ADV, 0), W("upward", ADV, 0),
    W("more", ADV, ST), W("most", ADV, ST), W("less", ADV, 0), W("least", ADV, 0),
    W("fewer", ADJ, 0), W("currently", ADV, ST), W("previously", ADV, ST),
    W("formerly", ADV, 0), W("initially", ADV, ST), W("finally", ADV, ST),
    W("eventually", ADV, ST), W("immediately", ADV, 0), W("officially", ADV, ST),
    W("publicly", ADV, 0), W("jointly", ADV, 0), W("separately", ADV, ST),
    W("allegedly", ADV, 0), W("apparently", ADV, ST), W("nowhere", ADV, 0), W("somewhere", ADV, 0),
    W("anywhere", ADV, 0), W("everywhere", ADV, 0), W("alone", ADV, 0),
    W("home", NOUN, 0),

    /* ---- number words ---- */
    W("zero", NUM, 0), W("one", NUM, ST), W("two", NUM, ST), W("three", NUM, ST),
    W("four", NUM, ST), W("five", NUM, ST), W("six", NUM, ST), W("seven", NUM, ST),
    W("eight", NUM, ST), W("nine", NUM, ST), W("ten", NUM, ST), W("eleven", NUM, 0),
    W("twelve", NUM, 0), W("thirteen", NUM, 0), W("fourteen", NUM, 0), W("fifteen", NUM, 0),
    W("sixteen", NUM, 0), W("seventeen", NUM, 0), W("eighteen", NUM, 0),
    W("nineteen", NUM, 0), W("twenty", NUM, 0), W("thirty", NUM, 0), W("forty", NUM, 0),
    W("fifty", NUM, 0), W("sixty", NUM, 0), W("seventy", NUM, 0), W("eighty", NUM, 0),
    W("ninety", NUM, 0), W("hundred", NUM, 0), W("thousand", NUM, 0), W("million", NUM, 0),
    W("billion", NUM, 0), W("trillion", NUM, 0), W("dozen", NUM, 0), W("mln", NUM, 0),
    W("bln", NUM, 0),

    /* ---- months and weekdays; "march", "may", "august" only when capitalised ---- */
    W("january", PROPN, 0), W("february", PROPN, 0), W("march", PROPN, ENT_LX_CAP_ONLY),
    W("april", PROPN, 0), W("june", PROPN, 0), W("july", PROPN, 0),
    W("august", PROPN, ENT_LX_CAP_ONLY), W("september", PROPN, 0), W("october", PROPN, 0),
    W("november", PROPN, 0), W("december", PROPN, 0), W("monday", PROPN, 0),
    W("tuesday", PROPN, 0), W("wednesday", PROPN, 0), W("thursday", PROPN, 0),
    W("friday", PROPN, 0), W("saturday", PROPN, 0), W("sunday", PROPN, 0),

    /* ---- abbreviations that keep their period ---- */
    /* titles and months: never end a sentence */
    A("mr.", PROPN, ENT_LX_ABBR_TITLE), A("mrs.", PROPN, ENT_LX_ABBR_TITLE),
    A("ms.", PROPN, ENT_LX_ABBR_TITLE), A("dr.", PROPN, ENT_LX_ABBR_TITLE),
    A("gen.", PROPN, ENT_LX_ABBR_TITLE), A("col.", PROPN, ENT_LX_ABBR_TITLE),
    A("lt.", PROPN, ENT_LX_ABBR_TITLE), A("sgt.", PROPN, ENT_LX_ABBR_TITLE),
    A("sen.", PROPN, ENT_LX_ABBR_TITLE), A("rep.", PROPN, ENT_LX_ABBR_TITLE),
    A("gov.", PROPN, ENT_LX_ABBR_TITLE), A("pres.", PROPN, ENT_LX_ABBR_TITLE),
    A("prof.", PROPN, ENT_LX_ABBR_TITLE), A("st.", PROPN, ENT_LX_ABBR_TITLE),
    A("capt.", PROPN, ENT_LX_ABBR_TITLE), A("maj.", PROPN, ENT_LX_ABBR_TITLE),
    A("adm.", PROPN, ENT_LX_ABBR_TITLE), A("cmdr.", PROPN, ENT_LX_ABBR_TITLE),
    A("cpl.", PROPN, ENT_LX_ABBR_TITLE), A("pvt.", PROPN, ENT_LX_ABBR_TITLE),
    A("rev.", PROPN, ENT_LX_ABBR_TITLE), A("hon.", PROPN, ENT_LX_ABBR_TITLE),
    A("sr.", PROPN, 0), A("jr.", PROPN, 0), A("mt.", PROPN, ENT_LX_ABBR_TITLE),
    A("ft.", PROPN, ENT_LX_ABBR_TITLE), A("gens.", PROPN, ENT_LX_ABBR_TITLE),
    A("sens.", PROPN, ENT_LX_ABBR_TITLE), A("reps.", PROPN, ENT_LX_ABBR_TITLE),
    A("jan.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("feb.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("mar.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("apr.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("jun.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("jul.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("aug.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("sep.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("sept.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("oct.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("nov.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    A("dec.", PROPN, ENT_LX_ABBR_TITLE | ENT_LX_CAP_ONLY),
    /* "No. 10", "Nos. 3": only before a number */
    A("no.", NOUN, ENT_LX_ABBR_TITLE | ENT_LX_ABBR_NUM),
    A("nos.", NOUN, ENT_LX_ABBR_TITLE | ENT_LX_ABBR_NUM),
    A("vs.", ADP, ENT_LX_ABBR_TITLE), A("v.", ADP, ENT_LX_ABBR_TITLE),
    A("approx.", ADV, ENT_LX_ABBR_TITLE), A("ca.", ADV, ENT_LX_ABBR_TITLE),
    A("cf.", ADV, ENT_LX_ABBR_TITLE), A("fig.", NOUN, ENT_LX_ABBR_TITLE),
    A("dept.", PROPN, ENT_LX_ABBR_TITLE), A("univ.", PROPN, ENT_LX_ABBR_TITLE),
    A("est.", ADV, ENT_LX_ABBR_TITLE),
    /* may end a sentence when a clear sentence start follows */
    A("etc.", ADV, 0), A("inc.", PROPN, 0), A("corp.", PROPN, 0), A("co.", PROPN, 0),
    A("ltd.", PROPN, 0), A("plc.", PROPN, 0), A("bros.", PROPN, 0), A("u.s.", PROPN, 0),
    A("u.n.", PROPN, 0), A("u.k.", PROPN, 0), A("e.u.", PROPN, 0), A("u.s.a.", PROPN, 0),
    A("d.c.", PROPN, 0), A("e.g.", ADV, ENT_LX_ABBR_TITLE), A("i.e.", ADV, ENT_LX_ABBR_TITLE),
    A("a.m.", ADV, 0), A("p.m.", ADV, 0),

    /* ---- nouns the suffix rules or the tagger would get wrong ---- */
    W("news", NOUN, ENT_LX_NOUN), W("series", NOUN, ENT_LX_NOUN),
    W("species", NOUN, ENT_LX_NOUN), W("politics", NOUN, ENT_LX_NOUN),
    W("economics", NOUN, ENT_LX_NOUN), W("physics", NOUN, ENT_LX_NOUN),
    W("headquarters", NOUN, ENT_LX_NOUN), W("officials", NOUN, ENT_LX_NOUN),
    W("authorities", NOUN, ENT_LX_NOUN), W("analysts", NOUN, ENT_LX_NOUN),
    W("diplomats", NOUN, ENT_LX_NOUN), W("experts", NOUN, ENT_LX_NOUN),
    W("residents", NOUN, ENT_LX_NOUN), W("protesters", NOUN, ENT_LX_NOUN),
    W("militants", NOUN, ENT_LX_NOUN), W("lawmakers", NOUN, ENT_LX_NOUN),
    W("civilians", NOUN, ENT_LX_NOUN), W("people", NOUN, ENT_LX_NOUN | ENT_LX_PLURAL),
    W("police", NOUN, ENT_LX_NOUN | ENT_LX_PLURAL), W("government", NOUN, ENT_LX_NOUN),
    W("governments", NOUN, ENT_LX_NOUN), W("president", NOUN, ENT_LX_NOUN),
    W("minister", NOUN, ENT_LX_NOUN), W("ministers", NOUN, ENT_LX_NOUN),
    W("family", NOUN, ENT_LX_NOUN), W("assembly", NOUN, ENT_LX_NOUN),
    W("anomaly", NOUN, ENT_LX_NOUN), W("monopoly", NOUN, ENT_LX_NOUN),
    W("morning", NOUN, ENT_LX_NOUN), W("evening", NOUN, ENT_LX_NOUN),
    W("afternoon", NOUN, ENT_LX_NOUN), W("night", NOUN, ENT_LX_NOUN),
    W("week", NOUN, ENT_LX_NOUN), W("weekend", NOUN, ENT_LX_NOUN),
    W("month", NOUN, ENT_LX_NOUN), W("year", NOUN, ENT_LX_NOUN), W("day", NOUN, ENT_LX_NOUN),
    W("percent", NOUN, ENT_LX_NOUN), W("pct", NOUN, ENT_LX_NOUN),
    W("thing", NOUN, ENT_LX_NOUN), W("things", NOUN, ENT_LX_NOUN),
    W("hundreds", NOUN, ENT_LX_NOUN), W("thousands", NOUN, ENT_LX_NOUN),
    W("millions", NOUN, ENT_LX_NOUN), W("dozens", NOUN, ENT_LX_NOUN),
    W("billions", NOUN, ENT_LX_NOUN), W("spokesman", NOUN, ENT_LX_NOUN),
    W("spokeswoman", NOUN, ENT_LX_NOUN), W("spokesperson", NOUN, ENT_LX_NOUN),
    W("sources", NOUN, ENT_LX_NOUN),

    /* ---- adjectives the tagger would otherwise take for nouns ---- */
    O("foreign", ADJ, ENT_LX_ADJ), O("new", ADJ, ENT_LX_ADJ), O("old", ADJ, ENT_LX_ADJ),
    O("former", ADJ, ENT_LX_ADJ), O("first", ADJ, ENT_LX_ADJ), O("last", ADJ, ENT_LX_ADJ),
    O("next", ADJ, ENT_LX_ADJ), O("second", ADJ, ENT_LX_ADJ), O("third", ADJ, ENT_LX_ADJ),
    O("other", ADJ, ENT_LX_ADJ), O("own", ADJ, ENT_LX_ADJ), O("same", ADJ, ENT_LX_ADJ),
    O("senior", ADJ, ENT_LX_ADJ), O("top", ADJ, ENT_LX_ADJ), O("joint", ADJ, ENT_LX_ADJ),
    O("major", ADJ, ENT_LX_ADJ), O("key", ADJ, ENT_LX_ADJ), O("recent", ADJ, ENT_LX_ADJ),
    O("previous", ADJ, ENT_LX_ADJ), O("local", ADJ, ENT_LX_ADJ), O("high", ADJ, ENT_LX_ADJ),
    O("low", ADJ, ENT_LX_ADJ), O("large", ADJ, ENT_LX_ADJ), O("big", ADJ, ENT_LX_ADJ),
    O("small", ADJ, ENT_LX_ADJ), O("long", ADJ, ENT_LX_ADJ), O("early", ADJ, ENT_LX_ADJ),
    O("late", ADJ, ENT_LX_ADJ), O("military", ADJ, ENT_LX_ADJ), O("nuclear", ADJ, ENT_LX_ADJ),
    O("economic", ADJ, ENT_LX_ADJ), O("political", ADJ, ENT_LX_ADJ),
    O("international", ADJ, ENT_LX_ADJ), O("national", ADJ, ENT_LX_ADJ),
    O("regional", ADJ, ENT_LX_ADJ), O("bilateral", ADJ, ENT_LX_ADJ),
    O("likely", ADJ, ENT_LX_ADJ), O("unlikely", ADJ, ENT_LX_ADJ), O("daily", ADJ, ENT_LX_ADJ),
    O("weekly", ADJ, ENT_LX_ADJ), O("monthly", ADJ, ENT_LX_ADJ), O("yearly", ADJ, ENT_LX_ADJ),
    O("friendly", ADJ, ENT_LX_ADJ), O("deadly", ADJ, ENT_LX_ADJ), O("costly", ADJ, ENT_LX_ADJ),
    O("elderly", ADJ, ENT_LX_ADJ), O("important", ADJ, ENT_LX_ADJ),
    O("possible", ADJ, ENT_LX_ADJ), O("strong", ADJ, ENT_LX_ADJ), O("human", ADJ, ENT_LX_ADJ),
    O("civil", ADJ, ENT_LX_ADJ), O("armed", ADJ, ENT_LX_ADJ), O("united", ADJ, ENT_LX_ADJ),
    O("unnamed", ADJ, ENT_LX_ADJ), O("unidentified", ADJ, ENT_LX_ADJ),
    O("certain", ADJ, ENT_LX_ADJ), O("independent", ADJ, ENT_LX_ADJ),
    O("unknown", ADJ, ENT_LX_ADJ), O("false", ADJ, ENT_LX_ADJ), O("true", ADJ, ENT_LX_ADJ),
    O("full", ADJ, ENT_LX_ADJ), O("free", ADJ, ENT_LX_ADJ), O("public", ADJ, ENT_LX_ADJ),
    O("private", ADJ, ENT_LX_ADJ), O("ready", ADJ, ENT_LX_ADJ), O("serious", ADJ, ENT_LX_ADJ),
    O("whole", ADJ, ENT_LX_ADJ), O("entire", ADJ, ENT_LX_ADJ), O("various", ADJ, ENT_LX_ADJ),
    O("similar", ADJ, ENT_LX_ADJ), O("current", ADJ, ENT_LX_ADJ), O("prime", ADJ, ENT_LX_ADJ),
    O("chief", ADJ, ENT_LX_ADJ), O("deputy", ADJ, ENT_LX_ADJ),

    /* ---- -s forms of reporting verbs: a verb even before a subject ("says it will") ---- */
    O("says", X, ENT_LX_SAY | ENT_LX_CLAUSE), O("claims", X, ENT_LX_SAY | ENT_LX_CLAUSE), O("reports", X, ENT_LX_SAY),
    O("announces", X, ENT_LX_SAY), O("warns", X, ENT_LX_SAY), O("insists", X, ENT_LX_SAY | ENT_LX_CLAUSE),
    O("argues", X, ENT_LX_SAY | ENT_LX_CLAUSE), O("believes", X, ENT_LX_SAY | ENT_LX_CLAUSE), O("thinks", X, ENT_LX_SAY | ENT_LX_CLAUSE),
    O("states", X, ENT_LX_SAY), O("adds", X, ENT_LX_SAY | ENT_LX_CLAUSE), O("notes", X, ENT_LX_SAY),
    O("confirms", X, ENT_LX_SAY), O("denies", X, ENT_LX_SAY), O("acknowledges", X, ENT_LX_SAY),
    O("suggests", X, ENT_LX_SAY), O("fears", X, ENT_LX_SAY), O("hopes", X, ENT_LX_SAY),
    O("expects", X, ENT_LX_SAY), O("alleges", X, ENT_LX_SAY), O("tells", X, ENT_LX_SAY),
    O("promises", X, ENT_LX_SAY), O("threatens", X, ENT_LX_SAY), O("vows", X, ENT_LX_SAY),
    O("declares", X, ENT_LX_SAY), O("admits", X, ENT_LX_SAY), O("accuses", X, ENT_LX_SAY),
    /* ---- verbs whose clause follows without "that" and which seldom take an object of
       their own ("said Moscow opposes new sanctions"; not "announced sanctions") ---- */
    O("say", X, ENT_LX_CLAUSE), O("said", X, ENT_LX_CLAUSE), O("add", X, ENT_LX_CLAUSE),
    O("added", X, ENT_LX_CLAUSE), O("claim", X, ENT_LX_CLAUSE), O("claimed", X, ENT_LX_CLAUSE),
    O("insist", X, ENT_LX_CLAUSE), O("insisted", X, ENT_LX_CLAUSE), O("argue", X, ENT_LX_CLAUSE),
    O("argued", X, ENT_LX_CLAUSE), O("believe", X, ENT_LX_CLAUSE), O("believed", X, ENT_LX_CLAUSE),
    O("think", X, ENT_LX_CLAUSE), O("thought", X, ENT_LX_CLAUSE),

    /* ---- verbs whose past participle is spelled as their base form: after "has" or "was"
       they are the participle ("has cut", "were hit"), and most are their past tense too
       ("Saudi Arabia cut ties"); WordNet's exceptions do not list them ---- */
    O("come", X, ENT_LX_PART_BASE), O("become", X, ENT_LX_PART_BASE),
    O("overcome", X, ENT_LX_PART_BASE), O("run", X, ENT_LX_PART_BASE),
    O("overrun", X, ENT_LX_PART_BASE), O("outrun", X, ENT_LX_PART_BASE),
    O("cut", X, PAST_TOO), O("undercut", X, PAST_TOO),
    O("put", X, PAST_TOO), O("set", X, PAST_TOO),
    O("reset", X, PAST_TOO), O("upset", X, PAST_TOO),
    O("offset", X, PAST_TOO), O("beset", X, PAST_TOO),
    O("hit", X, PAST_TOO), O("let", X, PAST_TOO),
    O("shut", X, PAST_TOO), O("split", X, PAST_TOO),
    O("spread", X, PAST_TOO), O("burst", X, PAST_TOO),
    O("cost", X, PAST_TOO), O("cast", X, PAST_TOO),
    O("broadcast", X, PAST_TOO), O("forecast", X, PAST_TOO),
    O("hurt", X, PAST_TOO), O("quit", X, PAST_TOO),
    O("bet", X, PAST_TOO), O("bid", X, PAST_TOO),
    O("outbid", X, PAST_TOO), O("rid", X, PAST_TOO),
    O("shed", X, PAST_TOO), O("thrust", X, PAST_TOO),
    O("read", X, PAST_TOO),

    /* ---- nationality words: capitalised they stay PROPN, but modify the next noun ---- */
    O("american", PROPN, ENT_LX_DEMONYM), O("african", PROPN, ENT_LX_DEMONYM),
    O("afghan", PROPN, ENT_LX_DEMONYM), O("arab", PROPN, ENT_LX_DEMONYM),
    O("british", PROPN, ENT_LX_DEMONYM), O("chinese", PROPN, ENT_LX_DEMONYM),
    O("cuban", PROPN, ENT_LX_DEMONYM), O("dutch", PROPN, ENT_LX_DEMONYM),
    O("emirati", PROPN, ENT_LX_DEMONYM), O("french", PROPN, ENT_LX_DEMONYM),
    O("german", PROPN, ENT_LX_DEMONYM), O("greek", PROPN, ENT_LX_DEMONYM),
    O("iraqi", PROPN, ENT_LX_DEMONYM), O("israeli", PROPN, ENT_LX_DEMONYM),
    O("kuwaiti", PROPN, ENT_LX_DEMONYM), O("libyan", PROPN, ENT_LX_DEMONYM),
    O("mexican", PROPN, ENT_LX_DEMONYM), O("omani", PROPN, ENT_LX_DEMONYM),
    O("pakistani", PROPN, ENT_LX_DEMONYM), O("qatari", PROPN, ENT_LX_DEMONYM),
    O("saudi", PROPN, ENT_LX_DEMONYM), O("somali", PROPN, ENT_LX_DEMONYM),
    O("soviet", PROPN, ENT_LX_DEMONYM), O("swiss", PROPN, ENT_LX_DEMONYM),
    O("thai", PROPN, ENT_LX_DEMONYM), O("turkish", PROPN, ENT_LX_DEMONYM),
    O("western", PROPN, ENT_LX_DEMONYM), O("eastern", PROPN, ENT_LX_DEMONYM),
    O("yemeni", PROPN, ENT_LX_DEMONYM), O("bahraini", PROPN, ENT_LX_DEMONYM),
    O("azerbaijani", PROPN, ENT_LX_DEMONYM), O("kurdish", PROPN, ENT_LX_DEMONYM),
    O("palestinian", PROPN, ENT_LX_DEMONYM), O("russian", PROPN, ENT_LX_DEMONYM),
    O("iranian", PROPN, ENT_LX_DEMONYM), O("ukrainian", PROPN, ENT_LX_DEMONYM),
    O("syrian", PROPN, ENT_LX_DEMONYM),
};

/* clang-format on */

const size_t ent_text__closed_class_count =
    sizeof ent_text__closed_class / sizeof ent_text__closed_class[0];
