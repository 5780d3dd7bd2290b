"""Words of harm, and words for the people harmed (lemmas; the small spaCy model's lemmatizer).

HIT is an internal kind: someone shot, stabbed or struck, whose fate the clause does not tell. A HIT
person who is not said to have died is injured (GVA and GVDB count people shot and not killed as
injured); a later "died", "succumbed" or "was pronounced dead" about the same person makes them killed.
"""

from __future__ import annotations

# Kinds, ordered so that a later, graver report about the same person wins (HIT < INJURED < KILLED).
HIT, INJURED, KILLED, CAPTURED, ARRESTED, MISSING = "HIT", "INJURED", "KILLED", "CAPTURED", "ARRESTED", "MISSING"
HARM = {HIT: 0, INJURED: 1, KILLED: 2}

# Transitive verbs: the object (active) or the subject (passive) is the victim.
TRANSITIVE = {
    "kill": KILLED, "murder": KILLED, "slay": KILLED, "execute": KILLED, "assassinate": KILLED,
    "massacre": KILLED, "behead": KILLED, "lynch": KILLED, "slaughter": KILLED, "strangle": KILLED,
    "decapitate": KILLED, "martyr": KILLED,
    "shoot": HIT, "stab": HIT, "graze": HIT, "pepper": HIT, "gun": HIT,
    "injure": INJURED, "wound": INJURED, "hurt": INJURED, "maim": INJURED, "hospitalize": INJURED,
    "hospitalise": INJURED,
    "capture": CAPTURED, "abduct": CAPTURED, "kidnap": CAPTURED, "snatch": CAPTURED,
    "arrest": ARRESTED, "detain": ARRESTED, "apprehend": ARRESTED, "nab": ARRESTED,
}
# "hit" and "strike" harm only when a projectile does it ("struck by gunfire", "a bullet hit him").
STRIKE_VERBS = {"hit", "strike"}
PROJECTILES = {"bullet", "round", "shot", "gunfire", "fire", "pellet", "shrapnel", "shell", "missile", "rocket",
               "bomb", "grenade", "gunshot", "crossfire", "slug", "buckshot", "mortar", "debris"}
# Intransitive verbs: the subject is the victim.
INTRANSITIVE = {"die": KILLED, "perish": KILLED, "succumb": KILLED, "disappear": MISSING, "vanish": MISSING}
# Predicates of death that may follow an injury ("later died"): they may be told of someone already
# counted as injured.
DYING = {"die", "perish", "succumb", "pronounce", "declare"}
# "pronounced dead", "found dead", "left two dead", "is dead", "lay dead"
DEAD_WORDS = {"dead", "deceased", "lifeless"}
INJURED_WORDS = {"injured", "wounded", "hurt", "hospitalized", "hospitalised"}
CONDITIONS = {"critical", "serious", "stable", "fair", "good", "grave", "life-threatening", "unknown", "guarded",
              "satisfactory", "poor", "non-life-threatening", "extremely", "undisclosed"}
# Verbs that carry someone to a hospital, or keep them there.
TO_HOSPITAL = {"take", "send", "rush", "transport", "airlift", "fly", "drive", "carry", "bring", "transfer", "admit", "evacuate",
               "hospitalize", "treat", "helicopter", "med-flight", "medevac"}
# Verbs of turning up at a hospital by oneself ("showed up at the hospital with a gunshot wound").
ARRIVE = {"show", "turn", "arrive", "walk", "self-transport", "go"}
IN_HOSPITAL = {"be", "remain", "stay", "lie", "recover", "list"}
HOSPITAL_WORDS = {"hospital", "hospitals", "center", "centre", "infirmary", "clinic", "icu", "trauma"}
NOT_HOSPITAL = {"detention", "juvenile", "correctional", "justice", "youth", "booking", "processing", "jail",
                "community", "shopping", "convention", "recreation", "call", "command", "control"}
# "suffered gunshot wounds", "sustained injuries", "received treatment"
SUFFER = {"suffer", "sustain", "receive", "incur", "have"}
INJURY_NOUNS = {"injury", "wound", "laceration", "burn", "graze", "trauma", "injuries", "wounds"}
FATAL_ADVERBS = {"fatally", "mortally", "lethally"}
NONFATAL_ADVERBS = {"non-fatally", "nonfatally", "critically", "seriously", "slightly", "superficially", "badly",
                    "gravely", "severely", "moderately", "lightly"}
# Nouns: "the death of X", "X's killing", "the shooting of X"
DEATH_NOUNS = {"death": KILLED, "killing": KILLED, "murder": KILLED, "slaying": KILLED, "homicide": KILLED,
               "execution": KILLED, "assassination": KILLED, "shooting": HIT, "stabbing": HIT,
               "abduction": CAPTURED, "kidnapping": CAPTURED, "arrest": ARRESTED, "disappearance": MISSING}
# Nouns that are themselves the people counted: "three deaths", "four fatalities"
COUNTED_NOUNS = {"death": KILLED, "fatality": KILLED, "dead": KILLED, "body": KILLED, "corpse": KILLED,
                 "injured": INJURED, "wounded": INJURED, "hostage": CAPTURED, "arrest": ARRESTED}
# Words that make a clause unreal: "tried to kill", "could have killed", "threatened to shoot"
IRREALIS_HEADS = {"try", "attempt", "threaten", "plan", "want", "intend", "vow", "seek", "aim", "plot", "conspire",
                  "fear", "expect", "order", "urge", "hope", "refuse", "fail", "prepare", "decide", "mean",
                  "warn", "offer", "ask", "tell", "allow", "prevent", "stop", "avoid", "help", "encourage",
                  "solicit", "hire", "pay", "agree", "promise", "need", "have"}
MODALS = {"could", "would", "might", "may", "should", "can", "must", "will", "shall", "'d", "'ll"}
SAYING = {"say", "state", "tell", "report", "announce", "add", "confirm", "claim", "deny", "quote", "allege",
          "disclose", "reveal", "release", "identify", "note", "explain"}
# "a second victim", "a fourth was treated": the k-th person told of, new only when fewer were counted
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10}
ADDITIVE = {"another", "more", "other", "others", "additional", "further",
            "also", "too", "else", "extra", "new"}
# Heads of definite noun phrases that refer back to any fitting victim ("the victim", "the man").
REFERRING = {"victim", "man", "woman", "person", "boy", "girl", "teen", "teenager", "child", "kid", "youth",
             "juvenile", "old", "male", "female", "individual", "one", "adult", "infant", "baby", "toddler",
             "injured", "wounded", "dead", "deceased"}
NOBODY = {"nobody", "none", "noone", "no-one"}

# People words, by class. A class says which mentions may be the same people: generic words fit any
# class; two specific classes never share people ("an officer" is not "the suspect").
PERSON_CLASSES = {
    "police": {"officer", "deputy", "trooper", "cop", "policeman", "policewoman", "police", "agent", "sergeant",
               "detective", "patrolman", "constable", "sheriff", "lieutenant", "corporal", "marshal", "lawman"},
    "suspect": {"suspect", "gunman", "shooter", "assailant", "attacker", "robber", "burglar", "intruder",
                "perpetrator", "killer", "gunmen", "carjacker", "thief", "bandit", "sniper", "hijacker",
                "kidnapper", "culprit", "offender", "murderer"},
    "military": {"soldier", "serviceman", "servicemen", "troop", "troops", "adviser", "advisor", "marine",
                 "sailor", "airman", "paratrooper", "commando", "guardsman", "conscript", "recruit", "officer",
                 "trooper", "instructor", "pilot", "personnel", "army", "military", "captain", "general", "major",
                 "colonel", "commander"},
    "armed": {"militant", "rebel", "terrorist", "insurgent", "fighter", "jihadist", "extremist", "guerrilla",
              "militiaman", "militia", "takfiri", "contractor", "mercenary"},
}
GENERIC = {"person", "people", "man", "woman", "men", "women", "boy", "girl", "child", "children", "kid", "teen",
           "teenager", "adult", "victim", "individual", "resident", "civilian", "youth", "male", "female",
           "passenger", "driver", "customer", "bystander", "student", "worker", "employee", "neighbor",
           "neighbour", "friend", "relative", "father", "mother", "son", "daughter", "wife", "husband", "brother",
           "sister", "juvenile", "old", "infant", "baby", "toddler", "girlfriend", "boyfriend", "cousin", "uncle",
           "aunt", "nephew", "niece", "grandmother", "grandfather", "grandson", "granddaughter", "fiancee",
           "fiance", "partner", "roommate", "owner", "clerk", "guard", "security", "pedestrian", "motorist",
           "occupant", "patron", "tenant", "homeowner", "other", "others", "one", "member", "family", "couple",
           "parent", "spouse", "stepson", "stepdaughter", "stepfather", "stepmother", "teenage", "minor", "pupil",
           "classmate", "coworker", "co-worker", "acquaintance", "stranger", "visitor", "guest", "shopper",
           "cashier", "bartender", "bouncer", "rapper", "singer", "player", "athlete", "coach", "teacher",
           "pastor", "priest", "doctor", "nurse", "lawyer", "journalist", "reporter", "official", "mayor",
           "leader", "chief", "worshipper", "congregant", "churchgoer", "protester", "demonstrator", "villager",
           "farmer", "herder", "trader", "pilgrim", "refugee", "migrant", "prisoner", "inmate", "hostage",
           "national", "citizen", "local", "tourist", "wounded", "injured", "dead", "casualty", "sibling",
           "stepbrother", "stepsister", "grandchild", "twin", "nephews", "godson", "goddaughter"}
MALE = {"man", "men", "boy", "he", "him", "himself", "his", "father", "son", "husband", "brother", "boyfriend", "uncle",
        "nephew", "grandfather", "grandson", "fiance", "stepson", "stepfather", "policeman", "gunman",
        "serviceman", "male", "mr.", "mr"}
FEMALE = {"woman", "women", "girl", "she", "her", "herself", "mother", "daughter", "wife", "sister", "girlfriend",
          "aunt", "niece", "grandmother", "granddaughter", "fiancee", "stepdaughter", "stepmother", "policewoman",
          "female", "mrs.", "mrs", "ms.", "ms"}
# Objects that are shot, hit or struck but are not people.
NOT_PEOPLE = {"car", "vehicle", "truck", "van", "suv", "house", "home", "building", "window", "door", "wall", "tire",
              "tyre", "dog", "cat", "animal", "horse", "cow", "deer", "bear", "video", "photo", "footage", "film",
              "picture", "scene", "store", "ball", "round", "bullet", "shot", "gun", "weapon", "plane", "aircraft",
              "helicopter", "drone", "tank", "target", "sign", "camera", "light", "phone", "bill", "idea", "plan",
              "proposal", "deal", "engine", "project", "season", "game", "chance", "time", "law", "measure", "bid",
              "hope", "motion", "attempt", "effort", "apartment", "residence", "business", "school", "church",
              "mosque", "bus", "train", "boat", "ship", "road", "street", "area", "town", "city", "village",
              "convoy", "base", "checkpoint", "position", "battery", "camp", "post", "office", "hospital",
              "market", "morale", "economy", "record", "high", "low", "mark", "bottom", "wave", "way", "basket",
              "goal", "hole", "pole", "tree", "power", "line", "pole", "rock", "jackpot", "lottery", "button",
              "brake", "nerve", "snag", "wall", "ground", "floor", "ceiling", "roof", "pavement", "shelf", "news",
              "headline", "stand", "screen", "gas", "pedal", "note", "song", "album", "movie", "show", "episode",
              "it", "something", "anything", "everything", "nothing", "this", "that", "which", "what",
              # events and charges are not people ("accused of murdering X and the attempted murder of Y")
              "murder", "killing", "shooting", "attack", "incident", "case", "crime", "charge", "count", "death",
              "assault", "robbery", "homicide", "injury", "wound", "gunshot", "shots", "fire", "gunfire",
              "violence",
              # "a dead end", "out of a dead sleep": idioms, not the dead
              "sleep", "end", "heat", "zone", "giveaway", "silence", "weight", "air", "spot", "battery", "ringer",
              "letter", "serious", "reckoning", "winter", "calm", "stop"}
# Parts of the body: "shot his foot", "grazed the head of a deputy" harm the body's owner.
BODY_PARTS = {"head", "face", "foot", "feet", "leg", "legs", "arm", "arms", "hand", "hands", "chest", "back", "neck",
              "shoulder", "stomach", "abdomen", "torso", "hip", "thigh", "knee", "ankle", "wrist", "elbow", "eye",
              "ear", "jaw", "cheek", "forehead", "buttock", "buttocks", "groin", "side", "finger", "toe", "heel",
              "calf", "shin", "forearm", "skull", "spine", "lung", "heart", "liver", "body", "torso", "mouth", "nose",
              "scalp", "temple", "pelvis", "rib", "ribs"}
# Things that "capture" pictures, not people.
RECORDERS = {"video", "camera", "footage", "photo", "image", "picture", "surveillance", "recording", "cellphone",
             "phone", "lens", "photographer", "film"}
# A toll told by its plural noun, as subject of a verb that moves or states it: "deaths rose to 32",
# "fatalities climbed to 32" (the noun, not "toll", says the kind).
TOLL_PLURALS = {"death": KILLED, "fatality": KILLED}
# Background, not the event: a harm told over a span of time ("which has killed tens of thousands in a
# 15-year insurgency", "since 2009", "over the past decade"). A prepositional object among CONFLICT_SPANS
# with a duration word before it, "since" anything, or "over/in the past/last N years".
CONFLICT_SPANS = {"insurgency", "conflict", "war", "campaign", "uprising", "rebellion", "violence", "crisis", "fighting",
                  "feud", "struggle"}
DURATION_WORDS = {"year", "years", "decade", "decades", "month", "months", "long", "long-running", "decade-long",
                  "decades-long", "years-long", "protracted"}

