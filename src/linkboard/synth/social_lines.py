"""What the accounts of a social world write: recruiters' pitches by RECRUIT_* category and their
moves, and the lines of the benign look-alikes (a modelling agency, a staffing recruiter, a
volunteer organiser, people dating, couples, friends planning a trip, ordinary chats).

Written as people text, in many wordings, most of them not the taxonomy's phrases: the
benchmark measures how much of this the indicators find. Slots: ``{city}``, ``{amount}``, ``{app}``,
``{contact}`` (a handle or phone), ``{name}``, ``{agency}``, ``{company}``, ``{address}``,
``{site}``, ``{wage}``. Everything is non-explicit; nobody described is a minor.
"""

from __future__ import annotations

#: Sums of money as people write them.
AMOUNTS = ("2k", "$2,000", "1500", "$1200", "3k", "$800", "2 grand", "1,500", "$900", "$2500")

#: A recruiter's pitch lines by the RECRUIT_* code each one plants.
PITCH: dict[str, tuple[str, ...]] = {
    "RECRUIT_MODELING": (
        "have you ever thought about modeling? you could be a model easy",
        "i'm scouting faces for a paid shoot this weekend, you'd be perfect",
        "we're looking for new models for a brand campaign, pay is good",
        "you should be modeling for real, i can get you booked",
        "free portfolio shoot for you, my photographer owes me one",
        "you have the model look fr, my agency would love you",
        "got a paid photoshoot lined up, they need one more girl",
        "honestly ur model material, have u done any shoots?",
        "looking for fresh faces for an insta brand, paid photo shoot",
        "i manage a few models, could use someone with your look. paid shoots every week",
        "u could model for real, we do paid photoshoots downtown",
        "modeling gig for u if u want it, easy work",
    ),
    "RECRUIT_EASY_MONEY": (
        "you could be making {amount} a week doing basically nothing",
        "the girls on my team clear {amount} a night",
        "it's easy money, trust me",
        "quick cash, paid same day",
        "no experience needed, i'll teach you everything",
        "you just need to be pretty and have fun",
        "u could make {amount} a week easy",
        "why work at that store for pennies when u can make {amount} a weekend",
        "money is crazy rn, {amount} a week minimum",
        "no exp needed babe, u just need to be cute",
        "easy cash, way better than ur job",
        "you'd earn {amount} a week, all cash",
        "ur gonna make more in a weekend than a month at that diner. {amount} a night easy",
        "fast money and u set ur own hours",
    ),
    "RECRUIT_TRAVEL_PAID": (
        "all travel paid, hotel too",
        "i'll pay for your ticket, just pack a bag",
        "come work in {city} with us, everything's covered",
        "i can get you a bus ticket tomorrow",
        "hotel's on us, you keep what you make",
        "we fly u out to {city}, free flight and a room",
        "housing provided, u don't pay a thing",
        "ill book u a flight to {city} tonight",
        "free place to stay, we got the apartment",
        "come work in {city} for a few weeks, travel covered",
        "flights paid, u just show up",
        "i'll send you a ticket to {city}, don't worry about money",
    ),
    "RECRUIT_BOYFRIEND": (
        "i'll take care of you, you know that",
        "they don't appreciate you like i do",
        "you don't need them, you got me now",
        "don't tell your mom about us ok, she wouldn't get it",
        "only i really understand you",
        "i just wanna spoil you, you deserve it",
        "i'll buy you whatever you want",
        "nobody gets you like i do",
        "this stays between us ok?",
        "your family just holds you back, you don't need them",
        "leave that house and come stay with me",
        "don't tell your friends about me yet, they'll get jealous",
        "let me take care of you for once",
        "i'm all you need babe",
    ),
}

#: A recruiter's moves by the SOC_RECRUITER signal each shows.
MOVES: dict[str, tuple[str, ...]] = {
    "other_app": (
        "add me on {app} {contact}, i don't check this app",
        "hmu on {app} {contact}",
        "lets talk on {app}, its safer. {contact}",
        "text me on {app} {contact}",
        "move to {app}, {contact}",
        "dm me on {app} {contact} so we can talk more",
        "i'm more on {app}: {contact}",
    ),
    "photos": (
        "send me a few pics so i can show my boss",
        "send a full body pic",
        "i need some recent pics of u",
        "send me a selfie real quick",
        "send some pics no filter",
    ),
    "age": ("how old r u btw?", "whats ur age?", "how old are you?", "r u over 18?"),
    "urgency": (
        "need an answer tonight",
        "spots are filling up fast",
        "we leave friday, don't sleep on this",
        "offer ends tomorrow",
        "don't overthink it, we leave tomorrow",
    ),
}

#: How a recruiter opens, before any pitch.
OPENERS = (
    "hey beautiful",
    "hi! saw ur pics, ur gorgeous",
    "heyy u from around here?",
    "hey stranger 😊",
    "hi, a friend gave me ur number",
    "hey, had to say hi",
    "hey girl, love ur style",
    "hiii 👋",
    "sup pretty",
)

#: What a stranger answers a recruiter.
REPLIES = (
    "who is this?",
    "how did u get my number",
    "lol what",
    "what kind of work?",
    "idk…",
    "sounds good i guess",
    "is this legit?",
    "maybe, tell me more",
    "im busy rn",
    "ok",
    "thank u 😊",
    "who gave u my number?",
)

M, E, T = "RECRUIT_MODELING", "RECRUIT_EASY_MONEY", "RECRUIT_TRAVEL_PAID"
#: Look-alikes' lines with the RECRUIT_* language each one holds (a real casting call is a
#: modelling offer, a real seasonal job may well provide housing).
AGENCY_FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Hi {name}, this is {scout} from {agency}. We saw your profile and think you could model "
        "for our spring catalogue. Open casting at our studio, {address}, Mon-Fri 10am-4pm. "
        "Details: {site}",
        (M,),
    ),
    (
        "Hello {name}! {agency} here. We're looking for new models for a paid photoshoot for a "
        "local brand. Castings are at {address}, 10am-4pm. Please apply through {site}",
        (M,),
    ),
    (
        "Hi {name}, I'm a scout with {agency} (licensed agency). You have a great look. We hold "
        "open calls every Tuesday at {address}; the application form is on {site}",
        (),
    ),
    (
        "Good afternoon {name}, {agency} casting team. We have a paid shoot for a clothing brand "
        "next month. If interested, book an interview at {site} or visit us at {address}",
        (M,),
    ),
)
AGENCY_FOLLOW: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Please send two recent unretouched photos (headshot and full length) with your "
        "application.",
        (),
    ),
    ("Bring photo ID to the casting. The contract is explained before anything is signed.", ()),
    ("Our office hours are Mon-Fri 9-5 if you have questions.", ()),
    ("You can also reach us on WhatsApp at our office line during business hours.", ()),
    ("Thanks for applying! We'll confirm your interview time by email.", ()),
    ("Rates for the paid photoshoot are in the contract, there is never a fee to join.", (M,)),
)
JOB_FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Hi {name}, this is {scout} with {company}. We're hiring seasonal pickers in {city}, "
        "{wage}, no experience needed. Interviews Thursday 9am-3pm at {address}.",
        (E,),
    ),
    (
        "Hello {name}! {company} has openings for warehouse associates in {city}. {wage}, weekly "
        "pay, housing provided for out-of-town staff. Apply online: {site}",
        (T,),
    ),
    (
        "Hi {name}, {company} recruiting team here. Forklift and packing roles, {wage}, no "
        "experience necessary, paid training. Application at {site}",
        (E,),
    ),
    (
        "Good morning {name}, {scout} from {company} HR. We saw your resume. We have full-time "
        "shifts in {city}, {wage} plus benefits. Can you interview this week?",
        (),
    ),
)
JOB_FOLLOW: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Orientation is Monday 8am, bring two forms of ID for the I-9.", ()),
    ("Housing is a shared apartment near the site, at cost, and it is in your contract.", ()),
    ("Spots for the Monday orientation are filling up fast, let me know by Friday.", ()),
    ("You'll get the offer letter and contract by email after the background check.", ()),
    ("Reply STOP to opt out of job alerts.", ()),
)
OUTREACH: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Hi neighbor! I'm organizing the park cleanup on Saturday, no experience needed, gloves "
        "and lunch provided 🌳",
        (E,),
    ),
    (
        "Hey {name}, it's {scout} from the tenants' association. Meeting Thursday 7pm in the "
        "lobby, hope you can make it!",
        (),
    ),
    (
        "Hi {name}! Our food drive needs volunteers this weekend, no experience needed, just "
        "come by",
        (E,),
    ),
)
OUTREACH_URGENT = ("Spots are limited, so let me know soon!",)
DATING = (
    "hey! your profile made me smile 😊",
    "hi, love your dog in the third pic",
    "so what do you do for fun?",
    "wanna grab a coffee this week?",
    "haha same, i'm a total foodie",
    "what kind of music are you into?",
    "i'm new in the city, any good taco spots?",
)
DATING_RISKY = (
    "add me on snap, i'm barely on here",
    "send a pic of your dog lol",
    "i'd love to spoil you with a nice dinner",
)
COUPLE = (
    "omw home, want anything from the store?",
    "love you ❤️",
    "did you feed the cat?",
    "miss you already",
    "can u pick up milk",
    "running late, sorry!!",
    "movie tonight?",
    "ok 👍",
)
TRIP = (
    "ok who's in for the lake trip?? 🏕",
    "omg yes",
    "i'll drive from the airport",
    "venmo me 40 for the airbnb pls",
    "do we need to bring sheets?",
    "i'll cover the snacks",
    "can we stop in {city} on the way?",
    "who has the cooler",
    "what time do we leave",
    "sending the packing list now",
)
FRIENDS = (
    "u up?",
    "lol did you see that",
    "happy birthday!! 🎉",
    "can't talk, at work",
    "did u get the tickets?",
    "lmaooo",
    "see u at 7",
    "thanks for the ride!",
    "how was the interview?",
    "i got the job!!",
    "ugh my landlord raised the rent again",
    "wanna get food later",
    "call me when u can",
    "that's so wild",
    "my flight got delayed again",
)
#: Ordinary talk about money, jobs and travel that comes close to recruitment words.
NEAR_MISSES = (
    "I'll take care of the dog while you're away",
    "need modeling clay for art class, where do u get it",
    "I need quick cash for rent, can u spot me 50 till friday",
    "my cousin makes 2k a week driving trucks, might try it",
    "easy money on that bet lol",
    "quick cash back at the register is so handy",
    "the new job is ok, they pay for my travel to the training in {city}",
    "wanna come work in the garden with me sat?",
    "my boss pays for travel to the conference",
    "rent is 300 a week now, insane",
    "she's my role model honestly",
    "he made easy money flipping sneakers lol",
    "dont tell your mom but i broke the lamp",
    "we should do a free photo shoot for the dog adoption day",
    "my parents are paying for the flights!!",
    "free flight with my airline miles 🙌",
    "i'll take care of you when you're sick, don't worry",
    "let me buy you a coffee before work",
    "don't tell your mom about the surprise party!!",
    "easy money on that bet lol, pay up",
    "my company covers travel and the hotel for the offsite",
    "the warehouse said no experience needed lol, i start monday",
)
#: How often an ordinary line is one of the near misses.
NEAR_MISS_SHARE = 0.15
BUYER = (
    "hi is this {alias}? saw ur post",
    "hey, are you available tonight?",
    "what time works?",
    "ok see you then",
    "is the number in the ad still good?",
    "hi, got your number from the site",
)
OPERATOR = (
    "yes hun, what time?",
    "text me 30 min before",
    "details are in the ad",
    "ok",
    "not tonight, tomorrow?",
)
