"""Lines put together from parts, so that a world's wording is not a short list: a pitch of each
RECRUIT_* kind and the ordinary talk that comes close to it (what a cousin earns, who pays for
the work trip, the bet that was easy money), each from a grammar of a few slots with many
fillers. ``compose(kind, rng)`` gives one line; ``{city}`` and ``{amount}`` stay as slots.
"""

from __future__ import annotations

import random

from linkboard.synth.writing import pick

Grammar = tuple[tuple[tuple[str, ...], ...], ...]

#: Each kind: forms; each form a sequence of slots, each slot its fillers (joined by spaces).
GRAMMARS: dict[str, Grammar] = {
    "RECRUIT_EASY_MONEY": (
        (
            (
                "you could",
                "u can",
                "ya gonna",
                "you'd",
                "the girls on my team",
                "my girls",
                "you'll",
                "girls here",
                "u could easily",
            ),
            ("make", "clear", "pull", "bring in", "take home", "earn", "walk away with"),
            ("{amount}",),
            (
                "a week",
                "per week",
                "/wk",
                "a night",
                "every weekend",
                "a day",
                "in one night",
                "a weekend",
                "weekly",
            ),
            ("easy", "no stress", "cash", "guaranteed", "", "fr", "tax free", "minimum"),
        ),
        (
            ("its", "this is", "honestly", "trust me its", "fr"),
            (
                "easy money",
                "quick cash",
                "fast money",
                "easy cash",
                "the easiest money",
                "quick money",
            ),
            ("", "babe", "no catch", "and u set ur own hours", "for real"),
        ),
        (
            ("no experience", "no exp", "zero experience", "no skills"),
            ("needed", "necessary", "required", "needed at all"),
            ("", "i'll train u", "we teach everything", "just show up"),
        ),
        (
            ("u just need to", "all u need is to", "you only have to", "u just gotta"),
            ("be pretty", "be cute", "look good", "be fun", "be yourself", "be gorgeous"),
            ("", "and we handle the rest", "lol", "thats it"),
        ),
    ),
    "RECRUIT_TRAVEL_PAID": (
        (
            ("i'll", "ill", "we'll", "i can", "we can", "imma", "i will"),
            ("pay for", "cover", "buy", "book", "send"),
            ("your", "ur", "yr"),
            ("ticket", "flight", "bus ticket", "plane ticket", "travel", "trip"),
            ("", "to {city}", "tonight", "no problem", "dont worry"),
        ),
        (
            (
                "all travel",
                "travel",
                "flights",
                "ur flight",
                "the hotel",
                "hotel",
                "housing",
                "room and board",
            ),
            ("paid", "covered", "on us", "on me", "included", "provided", "taken care of"),
            ("", "while ur here", "100%", "u keep everything", "in {city}"),
        ),
        (
            (
                "come work in",
                "come stay in",
                "come out to",
                "come work out in",
                "come make money in",
            ),
            ("{city}",),
            ("with us", "for a couple weeks", "this summer", "", "we got u"),
        ),
        (
            ("free", "a free"),
            ("flight", "ticket", "place to stay", "apartment", "hotel room", "bus ticket"),
            ("", "to {city}", "if u come", "for u"),
        ),
    ),
    "RECRUIT_MODELING": (
        (
            ("you could", "u should", "ya could", "you should", "u gotta"),
            ("be a model", "model", "be modeling", "start modeling", "be modelling"),
            ("", "fr", "for real", "with that face", "honestly"),
        ),
        (
            ("paid", "free", "sponsored"),
            ("photoshoot", "photo shoot", "shoot", "portfolio shoot", "portfolio"),
            ("this weekend", "for u", "downtown", "next week", "if ur down"),
        ),
        (
            ("looking for", "scouting", "seeking", "hiring"),
            ("new models", "fresh faces", "new faces", "models"),
            ("for a brand", "for a campaign", "rn", "for my page", "in {city}"),
        ),
        (
            ("ur", "you're", "u r", "youre"),
            ("def", "totally", "so", ""),
            ("model material",),
        ),
    ),
    "RECRUIT_BOYFRIEND": (
        (
            ("i'll", "ill", "let me", "i just wanna", "i wanna", "imma", "i can"),
            ("take care of", "look after", "spoil", "protect"),
            ("you", "u", "ya"),
            ("", "forever", "like u deserve", "babe", "i promise"),
        ),
        (
            ("they", "your family", "ur friends", "ur parents", "your friends"),
            ("don't", "dont", "never"),
            ("appreciate", "understand", "deserve", "care about"),
            ("you", "u", "ya"),
            ("", "like i do", "anyway", "tbh"),
        ),
        (
            ("don't", "dont", "do not"),
            ("tell",),
            ("your", "ur", "yr"),
            ("family", "parents", "mom", "friends", "sister"),
            ("about us", "about me", "ok", "yet", ""),
        ),
        (
            ("you", "u", "ya"),
            ("don't", "dont"),
            ("need",),
            ("them", "your family", "ur friends", "anyone else", "nobody else"),
            ("", "u have me", "trust me", "babe"),
        ),
    ),
    "near_miss": (
        (
            ("my cousin", "my brother", "he", "she", "my roommate", "jess", "my sister"),
            ("makes", "made", "earns", "clears"),
            ("{amount}",),
            ("a week", "a month", "a night"),
            ("at the plant", "driving trucks", "doing nails", "at the hospital", "bartending"),
        ),
        (
            ("my boss", "work", "the company", "my job", "school", "my team"),
            ("pays for", "covers", "is paying for", "booked"),
            ("my", "the", "our"),
            ("travel", "flight", "hotel", "ticket"),
            ("to the conference", "for the training", "for the offsite", "to {city}"),
        ),
        (
            ("my parents", "my mom", "my dad", "grandma", "my aunt"),
            ("are paying for", "is paying for", "booked", "covered"),
            ("the", "our", "my"),
            ("flights", "tickets", "hotel", "trip"),
            ("!!", "lol", "to {city}", "thank god"),
        ),
        (
            ("easy money on", "quick cash from", "easy money from"),
            ("that bet", "the game", "fantasy", "the raffle", "my yard sale"),
            ("lol", "pay up", "haha", ""),
        ),
        (
            ("i'll", "ill", "i can"),
            ("take care of", "look after", "watch"),
            ("the dog", "your cat", "the plants", "the kids' fish", "ur mail"),
            ("while you're away", "this weekend", "no problem", ""),
        ),
        (
            ("need", "bought", "found"),
            ("modeling clay", "a model train", "a model kit", "modelling paste"),
            ("for art class", "for the project", "lol", "at the craft store"),
        ),
    ),
}


def compose(kind: str, rng: random.Random) -> str:
    """One line of ``kind`` (a RECRUIT_* code or ``near_miss``), its slots left open."""
    form = pick(rng, GRAMMARS[kind])
    return " ".join(w for w in (pick(rng, slot) for slot in form) if w)
