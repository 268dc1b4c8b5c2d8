/*
 * entente text — stage 2 of the pipeline: UTF-8 normalisation, sentence splitting,
 * tokens as spans into the document buffer, case folding, lemmas and part-of-speech tags.
 *
 * Two objects:
 *   ent_lexicon  immutable word knowledge (closed-class words, WordNet verbs and exception
 *                lists, lemma rules). Load once, share read-only across threads.
 *   ent_text     per-thread analyser with reusable buffers. Analysing a document allocates
 *                nothing per token; buffers grow to the largest document seen and are kept.
 */
#ifndef ENTENTE_TEXT_H
#define ENTENTE_TEXT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_lexicon ent_lexicon;
typedef struct ent_text ent_text;

/* Part-of-speech tags: a small tag set made for finding subjects, verbs and objects. */
typedef enum ent_pos {
    ENT_POS_X = 0,  /* unknown / other */
    ENT_POS_NOUN,   /* common noun */
    ENT_POS_PROPN,  /* capitalised name not at the start of a sentence, or a known name */
    ENT_POS_VERB,   /* main verb */
    ENT_POS_AUX,    /* forms of be, have, do used as auxiliaries */
    ENT_POS_MODAL,  /* will, would, can, could, may, might, must, shall, should */
    ENT_POS_ADJ,
    ENT_POS_ADV,
    ENT_POS_DET,    /* the, a, an, this, these, its, their, his … */
    ENT_POS_PRON,   /* he, she, it, they, we, I, you, him, them … */
    ENT_POS_ADP,    /* prepositions: of, in, on, with, to (not before a verb), by … */
    ENT_POS_CCONJ,  /* and, or, but, nor */
    ENT_POS_SCONJ,  /* that, because, after, while, although, if … introducing a clause */
    ENT_POS_WH,     /* who, which, whom, whose, where, when — relative/question words */
    ENT_POS_NEG,    /* not, n't, never, no */
    ENT_POS_TO,     /* infinitival "to" (before a base verb) */
    ENT_POS_NUM,
    ENT_POS_POSS,   /* possessive 's or ' */
    ENT_POS_PUNCT,
    ENT_POS_COUNT
} ent_pos;

/* Verb forms, from morphology (set for any token that can be a verb). */
typedef enum ent_vform {
    ENT_VF_NONE = 0,
    ENT_VF_BASE,  /* sign */
    ENT_VF_S,     /* signs */
    ENT_VF_PAST,  /* signed, took: past tense or past participle */
    ENT_VF_ING    /* signing */
} ent_vform;

/* Token flags. */
enum {
    ENT_TOK_CAP = 1 << 0,        /* first letter is upper case */
    ENT_TOK_ALLCAPS = 1 << 1,    /* two or more letters, all upper case */
    ENT_TOK_DIGIT = 1 << 2,      /* starts with a digit */
    ENT_TOK_PUNCT = 1 << 3,      /* punctuation only */
    ENT_TOK_SENT_START = 1 << 4, /* first token of its sentence */
    ENT_TOK_SCORE = 1 << 5,      /* a score or range such as 2-1, 3–0 */
    ENT_TOK_NO_SPACE = 1 << 6,   /* no whitespace between this token and the previous one */
    ENT_TOK_CAN_VERB = 1 << 7,   /* the lexicon knows this word (or its lemma) as a verb */
    ENT_TOK_CAN_NOUN = 1 << 8,   /* the lexicon knows it as a noun (or guesses so) */
    ENT_TOK_QUOTE = 1 << 9,      /* a quotation mark */
    ENT_TOK_CLAUSE_END = 1 << 10 /* ; : or a dash that separates clauses */
};

/*
 * A token: a span of the analysed buffer plus hashes of its case-folded form and lemma.
 * Hashes are ent_text_hash() of the folded text, so dictionaries can compare by hash.
 */
typedef struct ent_token {
    uint32_t start; /* byte offset in ent_text_buffer() */
    uint32_t len;   /* bytes */
    uint64_t form;  /* hash of the case-folded form */
    uint64_t lemma; /* hash of the lemma; equals form when the word has no other lemma */
    uint16_t flags; /* ENT_TOK_* */
    uint8_t pos;    /* ent_pos */
    uint8_t vform;  /* ent_vform */
} ent_token;

/* A sentence: a byte range of the buffer and a range of the token array. */
typedef struct ent_sentence {
    uint32_t start, end;          /* bytes [start, end) in ent_text_buffer() */
    uint32_t first_token, ntokens;
} ent_sentence;

/*
 * Hash of the case-folded form of the len bytes at s (UTF-8). The same function the
 * tokenizer uses, so a dictionary word and a text token compare by hash. Folding: Unicode
 * lower case (utf8proc), and the typographic apostrophe U+2019 counts as '.
 */
ENT_API uint64_t ent_text_hash(const char *s, size_t len);

/*
 * Loads the lexicon. wordnet_dir is the folder with WordNet's index.verb, verb.exc and
 * noun.exc (NULL: $ENTENTE_WORDNET, then /usr/share/wordnet). When the WordNet files are
 * missing the lexicon still loads from the built-in closed-class words and suffix rules, and
 * *warning (if not NULL) is set to a static message; otherwise *warning is set to NULL.
 * Caller frees with ent_lexicon_destroy(). Thread-safe to share once loaded.
 */
ENT_API int ent_lexicon_load(ent_lexicon **out, const char *wordnet_dir, const char **warning);
ENT_API void ent_lexicon_destroy(ent_lexicon *lex);

/*
 * Hash of the lemma of one word (the same value a token of that word gets in .lemma when
 * used as a verb or plural noun): "signed" → hash("sign"), "talks" → hash("talk"),
 * "took" → hash("take"). Used to compile dictionary patterns.
 */
ENT_API uint64_t ent_lexicon_lemma(const ent_lexicon *lex, const char *word, size_t len);

/* Options for ent_text_analyse. */
enum {
    ENT_TEXT_NO_SENTENCES = 1 << 0, /* one sentence for the whole input (dictionary phrases) */
    ENT_TEXT_NO_TAGS = 1 << 1       /* skip part-of-speech tagging (plain tokenizer pass) */
};

/* A per-thread analyser. Caller frees with ent_text_destroy(). lex is borrowed. */
ENT_API int ent_text_create(ent_text **out, const ent_lexicon *lex);
ENT_API void ent_text_destroy(ent_text *t);

/*
 * Analyses len bytes of UTF-8 text: validates and normalises it (invalid sequences become
 * U+FFFD and are counted; NUL bytes become spaces; NFC via utf8proc only when the input has
 * non-ASCII bytes and is not already NFC), splits sentences (abbreviations, initials,
 * numbers, quotes, blank lines), tokenizes, lemmatises and tags.
 * Returns ENT_OK, ENT_ENOMEM, or ENT_EINVAL for an input of 4 GiB or more.
 * Results stay valid until the next call or ent_text_destroy().
 */
ENT_API int ent_text_analyse(ent_text *t, const char *text, size_t len, unsigned flags);

/* The analysed buffer (the input itself when no normalisation was needed). Borrowed. */
ENT_API const char *ent_text_buffer(const ent_text *t, size_t *len);
ENT_API const ent_token *ent_text_tokens(const ent_text *t, size_t *count);
ENT_API const ent_sentence *ent_text_sentences(const ent_text *t, size_t *count);
/* Invalid UTF-8 sequences replaced in the last input, and byte offset of the first one. */
ENT_API size_t ent_text_invalid_count(const ent_text *t, size_t *first_offset);
/* True when the buffer was rewritten (normalised), so offsets refer to the normalised text. */
ENT_API int ent_text_was_normalised(const ent_text *t);

/* Name of a tag ("NOUN", "VERB"…), for --explain and tests. */
ENT_API const char *ent_pos_name(ent_pos pos);

#ifdef __cplusplus
}
#endif
#endif
