"""Words that name the same thing in a patient's and a clinician's wording, in British and American
usage of drug names, or as a brand and its generic: "newborn" and "neonatal", "kidney" and "renal",
"paracetamol" and "acetaminophen", "Lipitor" and "atorvastatin".

Words are compared by their Snowball (Porter 2) stem in American spelling, so a group lists one form
of each word ("newborn" covers "newborns"). The search adds a word's synonyms to the query at the
weight of an expansion; the answer engine counts a synonym as a mention.
"""

from __future__ import annotations

from functools import cache, lru_cache

import snowballstemmer

from medoracle.spelling import american

# Each group is one meaning; the first word names it.
_WORDS: tuple[tuple[str, ...], ...] = (
    ("neonatal", "newborn", "infant", "baby"),  # patients say "newborn baby" for a neonate
    ("renal", "kidney"),
    ("hepatic", "liver"),
    ("cardiac", "heart"),
    ("pulmonary", "lung"),
    ("gastric", "stomach"),
    ("cutaneous", "skin"),
    ("cerebral", "brain"),
    ("ocular", "eye"),
    ("pyrexia", "fever", "febrile"),
    ("pruritus", "itch", "itchy"),
    ("epistaxis", "nosebleed"),
    ("enuresis", "bedwetting"),
    ("varicella", "chickenpox"),
    ("zoster", "shingles"),
    ("hemorrhoid", "piles"),
    # a condition and its adjective ("asthmatic children", "pregnant women")
    ("pregnancy", "pregnant"),
    ("asthma", "asthmatic"),
    ("anemia", "anemic"),
    ("allergy", "allergic"),
    ("arthritis", "arthritic"),
    ("epilepsy", "epileptic"),
    ("anxiety", "anxious"),
    ("psoriasis", "psoriatic"),
    ("cirrhosis", "cirrhotic"),
    ("autism", "autistic"),
)
# Drugs by their British and American names, and by a US brand for a single-ingredient generic.
_DRUGS: tuple[tuple[str, ...], ...] = (
    ("analgesic", "painkiller"),
    ("acetaminophen", "paracetamol", "tylenol"),
    ("epinephrine", "adrenaline"),
    ("norepinephrine", "noradrenaline"),
    ("albuterol", "salbutamol"),
    ("furosemide", "frusemide", "lasix"),
    ("lidocaine", "lignocaine"),
    ("meperidine", "pethidine"),
    ("glyburide", "glibenclamide"),
    ("cyclosporine", "ciclosporin"),
    ("ibuprofen", "advil", "motrin", "nurofen"),
    ("naproxen", "aleve", "naprosyn"),
    ("atorvastatin", "lipitor"),
    ("rosuvastatin", "crestor"),
    ("simvastatin", "zocor"),
    ("pravastatin", "pravachol"),
    ("venlafaxine", "effexor"),
    ("sertraline", "zoloft"),
    ("fluoxetine", "prozac"),
    ("escitalopram", "lexapro"),
    ("citalopram", "celexa"),
    ("paroxetine", "paxil"),
    ("duloxetine", "cymbalta"),
    ("bupropion", "wellbutrin"),
    ("trazodone", "desyrel"),
    ("alprazolam", "xanax"),
    ("diazepam", "valium"),
    ("lorazepam", "ativan"),
    ("clonazepam", "klonopin"),
    ("zolpidem", "ambien"),
    ("quetiapine", "seroquel"),
    ("aripiprazole", "abilify"),
    ("olanzapine", "zyprexa"),
    ("risperidone", "risperdal"),
    ("lithium", "lithobid"),
    ("methylphenidate", "ritalin", "concerta"),
    ("lamotrigine", "lamictal"),
    ("levetiracetam", "keppra"),
    ("carbamazepine", "tegretol"),
    ("topiramate", "topamax"),
    ("gabapentin", "neurontin"),
    ("pregabalin", "lyrica"),
    ("sumatriptan", "imitrex"),
    ("donepezil", "aricept"),
    ("rivastigmine", "exelon"),
    ("memantine", "namenda"),
    ("tramadol", "ultram"),
    ("oxycodone", "oxycontin", "roxicodone"),
    ("omeprazole", "prilosec"),
    ("esomeprazole", "nexium"),
    ("lansoprazole", "prevacid"),
    ("pantoprazole", "protonix"),
    ("famotidine", "pepcid"),
    ("ranitidine", "zantac"),
    ("ondansetron", "zofran"),
    ("loperamide", "imodium"),
    ("psyllium", "metamucil"),
    ("metformin", "glucophage"),
    ("sitagliptin", "januvia"),
    ("empagliflozin", "jardiance"),
    ("semaglutide", "ozempic", "wegovy"),
    ("liraglutide", "victoza"),
    ("levothyroxine", "synthroid"),
    ("lisinopril", "zestril", "prinivil"),
    ("amlodipine", "norvasc"),
    ("losartan", "cozaar"),
    ("valsartan", "diovan"),
    ("metoprolol", "lopressor", "toprol"),
    ("atenolol", "tenormin"),
    ("propranolol", "inderal"),
    ("carvedilol", "coreg"),
    ("spironolactone", "aldactone"),
    ("warfarin", "coumadin"),
    ("apixaban", "eliquis"),
    ("rivaroxaban", "xarelto"),
    ("dabigatran", "pradaxa"),
    ("clopidogrel", "plavix"),
    ("montelukast", "singulair"),
    ("cetirizine", "zyrtec"),
    ("loratadine", "claritin"),
    ("fexofenadine", "allegra"),
    ("diphenhydramine", "benadryl"),
    ("sildenafil", "viagra"),
    ("tadalafil", "cialis"),
    ("finasteride", "propecia", "proscar"),
    ("tamsulosin", "flomax"),
    ("alendronate", "fosamax"),
    ("isotretinoin", "accutane"),
    ("hydroxychloroquine", "plaquenil"),
    ("adalimumab", "humira"),
    ("etanercept", "enbrel"),
    ("infliximab", "remicade"),
    ("valacyclovir", "valtrex"),
    ("acyclovir", "zovirax"),
    ("azithromycin", "zithromax"),
    ("amoxicillin", "amoxil"),
    ("ciprofloxacin", "cipro"),
    ("nitrofurantoin", "macrobid", "macrodantin"),
    ("metronidazole", "flagyl"),
    ("fluconazole", "diflucan"),
    ("ursodiol", "actigall", "urso"),
)
GROUPS = _WORDS + _DRUGS

_ENGLISH = snowballstemmer.stemmer("english")


@lru_cache(maxsize=262_144)
def word_stem(word: str) -> str:
    """The stem of a lower-case word in American spelling: "tumours" and "tumor" share one."""
    return str(_ENGLISH.stemWord(american(word)))


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    return {word_stem(word): group for group in GROUPS for word in group}


@cache
def _drug_stems() -> frozenset[str]:
    return frozenset(word_stem(word) for group in _DRUGS for word in group)


def is_drug(word: str) -> bool:
    """Whether a lower-case word names a drug of the table: "tylenol", "paracetamol" ("hepatitis" is not)."""
    return word_stem(word) in _drug_stems()


def synonyms(word: str) -> tuple[str, ...]:
    """The other words of a lower-case word's group: "newborns" → ("neonatal",)."""
    own = word_stem(word)
    return tuple(other for other in _groups().get(own, ()) if word_stem(other) != own)


@lru_cache(maxsize=262_144)
def concept_stem(word: str) -> str:
    """The stem that stands for a lower-case word and all its synonyms: "newborns" and "neonatal" share one."""
    group = _groups().get(word_stem(word))
    return word_stem(group[0]) if group else word_stem(word)
