"""A generated corpus to train a model on (issue #15): short news items naming people, drawn
from a list of person names in varied sentence templates, annotated with Actor spans.

The names are split: documents built with ``held_out=True`` use only names the others never
use, so a model that finds them has learned what an actor looks like, not a list of names.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from annotator.core.styled_text import StyledText
from annotator.services.training import split_documents
from annotator.store import NewDocument, Project

FIRST = (
    "Maria", "James", "Aiko", "Olusegun", "Elena", "Pedro", "Fatima", "Lars", "Priya", "Kwame",
    "Sofia", "Dmitri", "Amara", "Henrik", "Lucia", "Tomasz", "Nadia", "Rafael", "Ingrid", "Omar",
    "Chen", "Grace", "Mateo", "Leila", "Viktor", "Hana", "Samuel", "Yusuf", "Clara", "Arjun",
    "Beatriz", "Kofi", "Helga", "Ravi", "Noor", "Stefan", "Mei", "Diego", "Zainab", "Pavel",
    "Astrid", "Emeka", "Rosa", "Tariq", "Ines", "Bjorn", "Salma", "Hugo", "Anya", "Jomo",
    "Paloma", "Kenji", "Esther", "Luca", "Yara", "Anton", "Sunita", "Felix", "Imani", "Marek",
)  # fmt: skip
LAST = (
    "Santos", "Whitfield", "Tanaka", "Adeyemi", "Petrova", "Alvarez", "Haddad", "Lindqvist",
    "Raman", "Mensah", "Moretti", "Volkov", "Okafor", "Berg", "Ferreira", "Kowalski", "Rahimi",
    "Castillo", "Johansson", "Farouk", "Liang", "Osei", "Navarro", "Karimi", "Novak", "Sato",
    "Mwangi", "Demir", "Fischer", "Iyer", "Costa", "Appiah", "Schulz", "Menon", "Aziz", "Horvat",
    "Wong", "Rojas", "Bello", "Sokolov", "Nygaard", "Eze", "Marin", "Qureshi", "Duarte",
    "Holm", "Saleh", "Lefevre", "Ivanova", "Kenyatta", "Vidal", "Mori", "Abebe", "Ricci",
    "Nasser", "Gruber", "Pillai", "Brandt", "Achieng", "Zielinski",
)  # fmt: skip
# 60 people; no first or last name of the 15 held out occurs among the 45 seen in training.
NAMES = tuple(f"{first} {last}" for first, last in zip(FIRST, LAST, strict=True))
SEEN, UNSEEN = NAMES[:45], NAMES[45:]

TEMPLATES = (
    "{a} said on Tuesday that the talks had failed.",
    "According to {a}, the budget will be cut next year.",
    "{a} met {b} in the capital to discuss the trade deal.",
    "The minister, {a}, denied the reports.",
    "Critics accused {a} of ignoring the warnings.",
    "In an interview, {a} argued that prices would fall.",
    "{a} and {b} signed the agreement late at night.",
    "Officials close to {a} declined to comment.",
    "The proposal by {a} was rejected by the committee.",
    "{a} told reporters that the election was fair.",
    "Yesterday {a} visited the flooded villages.",
    "A spokesman for {a} confirmed the meeting with {b}.",
    "The report, written by {a}, blames the regulators.",
    "{a} warned that the economy could shrink.",
    "Supporters of {a} gathered outside the court.",
    "During the debate {a} attacked {b} over taxes.",
    "The company hired {a} as chief executive.",
    "{a} resigned after the scandal broke.",
    "Analysts expect {a} to win the vote.",
    "The letter from {a} reached {b} on Monday.",
    "Farmers welcomed the plan announced by {a}.",
    "{a} praised the rescue workers.",
    "Police questioned {a} about the missing files.",
    "Few people believe {a} will keep the promise.",
    "The award went to {a} for her reporting.",
    "{a} insisted the army had not crossed the border.",
    "Talks between {a} and {b} resumed in Geneva.",
    "Newspapers quoted {a} as saying the deal was dead.",
    "The court sided with {a} in the dispute.",
    "{a} called for calm after the protests.",
    "Investors cheered when {a} cut interest rates.",
    "The judge, {a}, adjourned the hearing.",
    "Rumours about {a} spread quickly online.",
    "{a} will travel to Nairobi next week.",
    "The opposition, led by {a}, boycotted the session.",
    "Voters in the north backed {a} strongly.",
    "{a} thanked {b} for the support.",
    "It was {a} who first raised the alarm.",
    "The minutes show that {a} voted against the motion.",
    "{a} declined an invitation from {b}.",
)  # fmt: skip


Spans = list[tuple[int, int]]
CLAIM_WORDS = (
    "said",
    "argued",
    "warned",
    "insisted",
    "told",
    "quoted",
    "denied",
    "accused",
    "confirmed",
    "expect",
    "believe",
    "show",
    "blames",
    "called",
    "According",
)


def article(rng: random.Random, names: Sequence[str], sentences: int = 3) -> tuple[str, Spans]:
    """A short article and its Actor spans ``(start, end)`` in code points."""
    text, spans, _ = claimed_article(rng, names, sentences)
    return text, spans


def claimed_article(
    rng: random.Random, names: Sequence[str], sentences: int = 3
) -> tuple[str, Spans, Spans]:
    """A short article, its Actor spans and its Claim spans (the sentences that report what
    someone said: 8 to 16 tokens)."""
    text, spans, claims = "", [], []
    for _ in range(sentences):
        template = rng.choice(TEMPLATES)
        a, b = rng.sample(list(names), 2)
        sentence = template.format(a="\0a", b="\0b")
        for marker, name in (("\0a", a), ("\0b", b)):
            at = sentence.find(marker)
            if at >= 0:
                start = len(text) + at
                sentence = sentence.replace(marker, name, 1)
                spans.append((start, start + len(name)))
        if any(word in template.split() for word in CLAIM_WORDS):
            claims.append((len(text), len(text) + len(sentence)))
        text += sentence + " "
    return text.rstrip(), sorted(spans), claims


def fill(
    project: Project, count: int, *, seed: int = 0, holdout: float = 0.2, claims: bool = False
) -> list[int]:
    """Add ``count`` annotated articles to an empty project: those ``train(seed=seed,
    holdout=holdout)`` will hold out name only UNSEEN people, the others only SEEN ones; with
    ``claims``, the reporting sentences are annotated as Claim too."""
    ids = list(range(1, count + 1))  # an empty project numbers its documents from 1
    _, held = split_documents(ids, seed, holdout)
    rng = random.Random(seed + 1)
    articles = [claimed_article(rng, UNSEEN if i in held else SEEN) for i in ids]
    docs = [
        NewDocument(f"Article {i}", StyledText(text, []))
        for i, (text, _, _) in zip(ids, articles, strict=True)
    ]
    assert project.add_documents(docs) == ids
    for doc_id, (_, spans, claimed) in zip(ids, articles, strict=True):
        for start, end in spans:
            project.add_annotation(doc_id, start, end, "Actor")
        for start, end in claimed if claims else ():
            project.add_annotation(doc_id, start, end, "Claim")
    return held
