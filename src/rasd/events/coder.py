"""The event coding stage: ``EventCoder(settings)``, Article -> Article with ``events`` filled.

Per sentence: find triggers (lexicon), split clauses, drop candidates that are not events (page
furniture, the complement of a demand/offer/refusal, a second trigger of an event already coded
in the clause, an ambiguous trigger with nobody involved), then give each event its roles,
status, attribution, mode, place, date and size; finally merge repeated reports and the title.
``code_article`` also returns a trace of every decision, which ``rasd explain`` prints.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from .. import __version__
from ..lexicon import lexicon_version
from ..lexicon.matcher import share_scan
from ..model import Article, Event, Mention, Participant, Provenance, Sentence, Span, content_id
from ..normalize import normalize
from ..segment import segment
from ..settings import Settings
from .attribution import attribution_for, find_attributions
from .carryover import carry_recipients
from .clauses import Clause, clause_of, split_clauses
from .crosswalk import acled_columns, event_scale, quad_code
from .cues import CueBank, CueMatch, cue_set, token_range
from .gating import GATED_TYPES, GateCandidate, event_gate
from .merge import MergeNote, merge_events, merge_title, restating_key, two_sided_apart
from .notes import note_for
from .owners import facility_owner
from .place_date import RESPONSE_WORDS, ArticlePlaces, Scope, background_from, casualties, choose_date
from .reference import mark_references
from .roles import Slot, chain_at, find_roles, participant, place_slots
from .status import decide_status
from .timing import different_times, time_key, time_phrases
from .triggers import (IRREALIS_TYPES, NOUN, VERB_PAST, VERB_POS, TriggerHit, conjugate,
                       expand_form, trigger_lexicon, without_conjunction)

PARTICIPANT_KINDS = frozenset({"actor", "person"})
# A trigger word inside one of these names is part of the name (هيئة تحرير الشام, لجان التنسيق).
NAME_KINDS = frozenset({"actor", "person", "place", "org"})
LIGHT_VERB_WINDOW = 5
FACILITY_WINDOW = 6
# Mentions of who reports (sources, correspondents, analysts): never the doer of the next event.
REPORTER_PREFIXES = tuple(normalize(w) for w in ("مصادر", "مصدر", "مراسل", "محلل", "المصادر", "المصدر", "المراسل"))  # tokens after an attack trigger where its target facility stands
# Words after which a verb is subordinate (أن ينسحب, بما اتفقوا عليه), not a new statement.
COMPLEMENTIZERS = frozenset(normalize(w) for w in ("أن", "بأن", "لأن", "ما", "بما", "مما", "عما", "فيما", "كي", "لكي"))
# Words after which a verb/noun homograph (فك، قصف، عرض) is the verbal noun.
NOUN_GOVERNORS = frozenset(normalize(w) for w in (
    "مقابل", "بهدف", "أجل", "ضرورة", "عدم", "إثر", "جراء", "بسبب", "خلال", "على", "عن", "من", "إلى", "في", "بعد",
    "قبل", "ضد", "حول", "بشأن", "منذ", "رغم", "لدى", "أمام"))  # tokens between a light verb and its verbal noun (the subject sits there)


@dataclass
class Candidate:
    """One trigger occurrence and what became of it (for explain)."""
    sentence: int
    text: str
    entry: str
    type: str
    pos: str
    coded: bool
    reason: str = ""
    rules: list[str] = field(default_factory=list)
    event_id: Optional[str] = None


@dataclass
class CodingTrace:
    events: list[Event]
    candidates: list[Candidate]
    merges: list[MergeNote]


@dataclass
class _Context:
    """What the coder remembers across sentences of one article."""
    last_actor: list[Participant] = field(default_factory=list)
    last_actor_paragraph: int = -1
    last_source: Optional[str] = None
    last_mentions: list[Mention] = field(default_factory=list)
    event_paragraph: dict[str, int] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # event id -> the lexicon form of its trigger
    times: dict[str, Optional[str]] = field(default_factory=dict)  # event id -> the key of its time words
    names: list[Mention] = field(default_factory=list)  # body names (actors, places ...) by start
    name_starts: list[int] = field(default_factory=list)
    places: Optional[ArticlePlaces] = None  # the body places, with what the place chooser needs of them
    sentence_mentions: Optional[dict[int, list[Mention]]] = None  # body mentions by sentence (for the gate)
    doer_of: Optional[tuple[list[Mention], Optional[Mention]]] = None  # last_mentions -> its first doer


class EventCoder:
    """Pipeline stage: codes PLOVER events in an Article."""

    def __init__(self, settings: Settings):
        extra = list(settings.extra_lexicon_dirs)
        self.triggers = trigger_lexicon(extra)
        self.status_cues = cue_set("status", extra)
        self.attribution_cues = cue_set("attribution", extra)
        self.mode_cues = cue_set("mode", extra)
        self.light_verbs = cue_set("light_verb", extra)
        self.agent_markers = cue_set("agent_marker", extra)
        self.anaphors = cue_set("anaphor", extra)
        self.boilerplate = cue_set("boilerplate", extra)
        self.idioms = cue_set("idiom", extra)
        # One matcher pass over the article for every cue set (the boilerplate set last).
        self.cue_bank = CueBank((self.status_cues, self.attribution_cues, self.mode_cues, self.light_verbs,
                                 self.agent_markers, self.anaphors, self.idioms, self.boilerplate))
        self.gate = event_gate(extra)  # ASSAULT/PROTEST: a concrete reported event, not a mere mention
        # The triggers, the cues and the gate's cues read the same article text: one automaton pass
        # serves them all.
        share_scan([self.triggers.matcher, self.cue_bank.matcher, self.gate.matcher])
        self.light_verb_pos = {s: p for e in self.light_verbs.entries for f in e.forms for s, p in expand_form(f)}
        self.versions = (__version__, lexicon_version(extra))
        self.extra = tuple(str(p) for p in extra)

    def __call__(self, article: Article) -> Article:
        article.events = self.code_article(article).events
        return article

    def pipe(self, articles):
        for a in articles:
            yield self(a)

    # ------------------------------------------------------------------ article
    def code_article(self, article: Article) -> CodingTrace:
        text = article.text
        if not article.sentences:
            article.sentences = segment(text)
        hits = self.triggers.find(text)
        by_sentence: dict[int, list[TriggerHit]] = {}
        si = 0
        sentences = article.sentences
        for h in hits:
            while si < len(sentences) and sentences[si].end <= h.start:
                si += 1
            if si < len(sentences) and sentences[si].start <= h.start:
                by_sentence.setdefault(si, []).append(h)
        body_mentions = [m for m in article.mentions if m.field == "text"]
        credit_end = _credit_line_end(text)
        participants = sorted((m for m in body_mentions if m.kind in PARTICIPANT_KINDS and m.start >= credit_end),
                              key=lambda m: m.start)
        part_starts = [m.start for m in participants]
        places = [m for m in body_mentions if m.kind == "place" and m.lat is not None]
        dates = [m for m in body_mentions if m.kind == "date"]
        numbers = [m for m in body_mentions if m.kind in ("casualty", "number")]
        dateline = places[0] if places else None
        paragraphs = _paragraph_ranges(sentences)
        cues = self.cue_bank.find_in_article(text, sentences) if hits else [{}] * self.cue_bank.count
        boiler = self._boilerplate_paragraphs(cues.pop(), sentences)
        ctx = _Context()
        ctx.names = sorted((m for m in body_mentions if m.kind in NAME_KINDS), key=lambda m: m.start)
        ctx.name_starts = [m.start for m in ctx.names]
        ctx.places = ArticlePlaces(text, places) if hits else None
        self.gate.prepare(text, sentences)
        forms = ctx.forms
        events: list[Event] = []
        candidates: list[Candidate] = []
        for idx, sent in enumerate(sentences):
            lo = bisect.bisect_left(part_starts, sent.start)
            hi = bisect.bisect_left(part_starts, sent.end)
            sent_parts = [m for m in participants[lo:hi] if m.end <= sent.end]
            sent_hits = by_sentence.get(idx, [])
            if sent.paragraph in boiler:
                candidates += [Candidate(idx, h.text, h.best.entry.id, h.best.entry.type, h.best.pos, False,
                                         "page furniture (related topics / see also line)") for h in sent_hits]
                continue
            if sent_hits:
                sent_cues = [c.get(idx, []) for c in cues]
                ev, cand = self._code_sentence(article, idx, sent, sent_hits, sent_parts, places, dates, numbers,
                                               dateline, paragraphs[sent.paragraph], ctx, events, sent_cues)
                events += ev
                candidates += cand
            if sent_parts:
                ctx.last_mentions = sent_parts
        events, merges = merge_events(events, forms, ctx.times)
        # after merging: two demands given the same carried recipient are not one event told twice
        for ev in carry_recipients(events, self.triggers.entries.get):
            entry = self.triggers.entries.get(ev.provenance.lexicon_entries[0])
            ev.acled = acled_columns(ev, dict(entry.acled) if entry else {})
            ev.note_en = note_for(ev)
        merges += self._merge_title(article, events)
        mark_references(article, events)
        return CodingTrace(events, candidates, merges)

    def _merge_title(self, article: Article, events: list[Event]) -> list[MergeNote]:
        if not article.title:
            return []
        title_hits = []
        for h in self.triggers.find(article.title):
            p = h.best
            title_hits.append((Span(h.start, h.end, h.text, field="title"), p.entry.type, p.entry.id))
        return merge_title(events, title_hits)

    @staticmethod
    def _boilerplate_paragraphs(found_by_sentence: dict[int, list[CueMatch]], sentences: list[Sentence]) -> set[int]:
        out = set()
        for si, found in found_by_sentence.items():
            if any(cue.first_token <= 1 for cue in found):
                out.add(sentences[si].paragraph)
        return out

    # ------------------------------------------------------------------ sentence
    def _code_sentence(self, article: Article, idx: int, sent: Sentence, hits: list[TriggerHit],
                       parts: list[Mention], places, dates, numbers, dateline, paragraph: tuple[int, int],
                       ctx: _Context, events_so_far: list[Event],
                       sent_cues: list[list[CueMatch]]) -> tuple[list[Event], list[Candidate]]:
        text = article.text
        names = ctx.names[bisect.bisect_left(ctx.name_starts, sent.start):bisect.bisect_left(ctx.name_starts, sent.end)]
        located = []
        for h in hits:
            first, last = token_range(sent, h.start, h.end)
            if first is not None:
                if first > 0 and sent.tokens[first - 1].norm in NOUN_GOVERNORS:
                    h.candidates.sort(key=lambda c: c.pos != NOUN)
                located.append((h, first, last))
        verb_starts = [f for h, f, _ in located if h.best.pos in VERB_POS and h.prefix[:1] in ("و", "ف")]
        status_cues, attribution_cues, modes, light, agents, anaphors, idioms = sent_cues
        verb_starts += [c.first_token for c in attribution_cues
                        if c.entry.attrs.get("attribution") == "speaker" and c.prefix[:1] in ("و", "ف")]
        clauses = split_clauses(sent, verb_starts)
        # where a new statement starts: a speech verb (وأكدت، وقال) or a contrast (لكن، إلا أن، بينما)
        # or a و-joined verb of a verbal act (وألقوا باللائمة), not one carrying on the content (ما تردد عن ... وقصف)
        statements = sorted({c.first_token for c in attribution_cues if c.entry.attrs.get("attribution") == "speaker"}
                            | {c.first for c in clauses if c.first > 0 and sent.tokens[c.first].norm in CONTRASTS}
                            | {f for h, f, _ in located if f in verb_starts and h.best.entry.type in VERBAL_TYPES})
        attributions = find_attributions(sent, attribution_cues, text, ctx.last_source)
        if attributions:
            ctx.last_source = attributions[-1].text
        slots = place_slots(sent, text, parts) + self._anaphor_slots(sent, text, parts, ctx, anaphors)
        slots.sort(key=lambda s: s.first)
        lead = _lead_subject(sent, slots)
        background = background_from(sent)
        denial_from: Optional[int] = None
        phrases = time_phrases(sent, [m for m in dates if sent.start <= m.start < sent.end])
        time_floor = 0  # the first token after the previous coded trigger: its time words are the next event's

        events: list[Event] = []
        cands: list[Candidate] = []
        coded_in_clause: dict[tuple[int, str], Event] = {}
        coded_in_sentence: dict[str, Event] = {}  # a verbal noun repeating an event type (entry) coded earlier
        # (token, trigger) of a demand/offer/refusal: what follows it, up to the next statement, is its content
        irrealis_gate: Optional[tuple[int, str]] = None
        for h, first, last in located:
            p = h.best
            entry = p.entry
            clause = clause_of(clauses, first)
            if irrealis_gate is not None and any(
                    c.opens_statement and irrealis_gate[0] < c.first <= first for c in clauses):
                irrealis_gate = None
            if denial_from is not None and any(denial_from < k <= first for k in statements):
                denial_from = None  # نفت ... استهداف ...، وأكدت ... أن وحدات من الجيش قضت على: a new statement
            cand = Candidate(idx, h.text, entry.id, entry.type, p.pos, False)
            cands.append(cand)
            inside = next((m for m in names if m.start <= h.start and h.end <= m.end and
                           (m.start, m.end) != (h.start, h.end) and _real_name(m, h, p.pos, text)), None)
            if inside is not None and entry.type == "PROTEST" and _crowd_on_the_move(sent, first, last, h, numbers):
                inside = None  # توجه المتظاهرون ...؛ آلاف المحتجين: the crowd named is the protest
            if inside is not None:
                cand.reason = f"part of the name '{inside.text}' ({inside.kind})"
                continue
            if p.pos == NOUN and first > 0 and sent.tokens[first - 1].norm in WITHOUT:
                cand.reason = f"'{h.text}' named as absent (دون هدنة؛ بلا اتفاق): no event"
                continue
            if first > 0 and sent.tokens[first - 1].norm in LIKENING:
                cand.reason = f"'{h.text}' in a likening (بمثابة لغم جديد؛ بمثابة ضربة): a figure, not an act"
                continue
            idiom = next((c for c in idioms if c.start <= h.start and h.end <= c.end), None)
            if idiom is not None:
                cand.reason = f"part of the idiom '{text[idiom.start:idiom.end]}' ({idiom.entry.id})"
                continue
            if entry.needs_word and not _word_follows(sent, last, min(clause.last, last + entry.needs_word_window),
                                                      entry.needs_word) \
                    and not (entry.count_completes and _count_follows(sent, numbers, last,
                                                                      last + entry.needs_word_window)):
                cand.reason = f"'{h.text}' without its complement ({', '.join(entry.needs_word)})"
                continue
            if entry.not_before_words and _word_follows(sent, last, min(clause.last, last + entry.not_before_window),
                                                         entry.not_before_words):
                cand.reason = f"'{h.text}' of a site, not of a party (not before: {', '.join(entry.not_before_words)})"
                continue
            if entry.not_before_far_words and _word_follows(
                    sent, last, min(clause.last, last + entry.not_before_far_window), entry.not_before_far_words):
                cand.reason = f"'{h.text}' in another sense (its object: {', '.join(entry.not_before_far_words)})"
                continue
            if entry.not_after_words and _word_follows(sent, max(clause.first, first - entry.not_after_window) - 1,
                                                        first - 1, entry.not_after_words):
                cand.reason = f"'{h.text}' in another sense (not after: {', '.join(entry.not_after_words)})"
                continue
            gate = irrealis_gate
            complement_like = any(c.pos == NOUN for c in h.candidates) or (first > 0 and sent.tokens[first - 1].norm in COMPLEMENTIZERS)
            if gate is not None and first > gate[0] and denial_from is None and complement_like \
                    and not _scheduled_meeting(entry.type, status_cues, last):
                cand.reason = f"inside the complement of '{gate[1]}' (demanded, offered or refused, not done)"
                continue
            twin = coded_in_clause.get((clause.index, entry.type))
            when = time_key(sent, first, time_floor, clause.last, phrases)
            if twin is not None and different_times(ctx.times.get(twin.id), when):
                twin = None  # ... وبعد ذلك بأسبوعين دمرت ...: told at another time, another event
            if twin is not None and two_sided_apart(twin.provenance.lexicon_entries[0], ctx.forms.get(twin.id),
                                                    entry.id, p.form):
                twin = None  # قصف ... والمقاومة تخوض معها اشتباكات: a clash beside a one-sided attack
            if twin is not None and twin.status != "future" and _scheduled_meeting(entry.type, status_cues, last):
                twin = None  # قمة عقدت في بروكسل ... إلى اجتماع وزراء الخارجية المقرر انعقاده: the next meeting
            if twin is not None and _responds_between(sent, twin.trigger.end, h.start):
                twin = None  # استهداف مرابض المدفعية ردا على استهداف إحدى نقاطها: the attack answered
            if twin is not None:
                cand.reason = f"same event as '{twin.trigger.text}' in this clause"
                twin.provenance.lexicon_entries.append(entry.id) if entry.id not in twin.provenance.lexicon_entries else None
                _absorb(twin, sent, clause, text, h)
                if not (twin.actor and twin.recipient):  # else it has nothing to lend
                    self._lend_roles(twin, find_roles(entry, p.pos, first, last, sent, clause, slots, agents, None, []))
                continue
            earlier = self._coreferent(events_so_far + events, h, p,
                                       entry.type == "CONSULT" and _definite_genitive(sent, last, dates)) if p.pos == NOUN else None
            if earlier is not None and earlier.status != "future" and _scheduled_meeting(entry.type, status_cues, last):
                earlier = None  # في اجتماعهم المقرر في 22 آذار، اجتماعه القادم: the next meeting, not the one told
            if earlier is not None:
                cand.reason = f"definite noun repeating the earlier event '{earlier.trigger.text}'"
                _absorb(earlier, sent, clause, text, h)
                if not (earlier.actor and earlier.recipient):
                    self._lend_roles(earlier, find_roles(entry, p.pos, first, last, sent, clause, slots, agents, None, []))
                continue
            lv_index, lv_pos = self._light_verb(light, first, clauses, text) if p.pos == NOUN else (None, None)
            if entry.needs_light_verb and lv_index is None:
                cand.reason = "weapon noun without a verb of firing or launching"
                continue
            if lv_index is not None and lv_index < clause.first:
                lv_clause = clause_of(clauses, lv_index)
                clause = Clause(clause.index, lv_clause.first, clause.last, lv_clause.start, clause.end,
                                lv_clause.opens_statement)
            fallback = ctx.last_actor if ctx.last_actor_paragraph == sent.paragraph else \
                self._previous_subject(ctx)
            if lead and lead[0].last < first and clause.index > 0 and p.pos in VERB_POS and \
                    (h.prefix[:1] in ("و", "ف") or p.form.startswith("+")):
                # وقال كيري إن ...، وأدان العنف / مطالبا: a verb coordinated with the sentence's
                # opening verb, or a circumstantial participle, shares that verb's subject
                fallback = [participant(s.mention, s.resolved_from) for s in lead]
            if _agentless(h, entry, p.pos):
                fallback = []  # nobody did it: the discourse's last actor is not its agent
            adjunct_of = lead if p.pos == NOUN and (_adjunct_of_lead(sent, lead, first) or (
                entry.type in SPEECH_TYPES and _object_of_lead(sent, lead, clauses, first))) else ()
            roles = find_roles(entry, p.pos, first, last, sent, clause, slots, agents, lv_index, fallback, adjunct_of)
            if not roles.actor and entry.type in SPEECH_TYPES:
                speaker = _speaker(attributions, first, slots, sent)
                taken = {q.id or q.text for q in roles.recipient}
                if speaker:
                    # قالت الحكومة إن القرار يعد انتهاكا: a verdict in a reported statement is the speaker's
                    roles.actor = [participant(s.mention, s.resolved_from) for s in speaker
                                   if (s.mention.entity_id or s.mention.text) not in taken]
                    roles.rules.append("roles.speaker")
                elif any(c.entry.attrs.get("attribution") == "speaker" and c.last_token < first
                         and c.first_token <= 1 for c in attribution_cues) and fallback:
                    # وأضاف: "سيعد ذلك انتهاكا": the speaker is the one the discourse is about
                    roles.actor = [q for q in fallback if q.sector != "MEDIA" and (q.id or q.text) not in taken]
                    roles.rules.append("roles.speaker_discourse")
            if entry.type == "ASSAULT" and not roles.recipient:
                self._add_facility_owner(roles, sent, text, places, last, clause)
            if entry.requires_participant and not (roles.actor or roles.recipient):
                cand.reason = "ambiguous trigger with no actor or recipient"
                continue
            if any(c.pos == NOUN for c in h.candidates) and "PROTEST" in coded_in_sentence \
                    and entry.type in MOTIVE_TYPES and (lv_index is None or p.pos != NOUN) \
                    and "ال" not in h.prefix and normalize(h.text).endswith("ا"):
                # وقفة حاشدة رفضا للعدوان، تظاهرة تضامنا مع غزة: the protest's motive, not an act of its own
                cand.reason = f"the motive of the protest '{coded_in_sentence['PROTEST'].trigger.text}'"
                continue
            restated = coded_in_sentence.get(restating_key(entry.type, entry.id))
            if p.pos == NOUN and lv_index is None and not (roles.actor or roles.recipient) and restated is not None \
                    and not two_sided_apart(restated.provenance.lexicon_entries[0], ctx.forms.get(restated.id),
                                            entry.id, p.form) \
                    and not _responds_between(sent, restated.trigger.end, h.start) \
                    and not different_times(ctx.times.get(restated.id), when) \
                    and not (restated.status != "future" and _scheduled_meeting(entry.type, status_cues, last)):
                twin = restated
                cand.reason = f"bare verbal noun restating '{twin.trigger.text}' of this sentence"
                _absorb(twin, sent, clause, text, h)
                self._lend_roles(twin, roles)
                continue
            if entry.casualty and not roles.actor:
                attack = self._attack_just_told(events_so_far + events, sent, coded_in_sentence, ctx)
                if attack is not None and not different_times(ctx.times.get(attack.id), when):
                    # وتوفي أمس الأحد 14 مدنيا ...، فيما شهد يوم السبت مقتل 12: another day, another toll
                    cand.reason = f"casualties of the attack '{attack.trigger.text}' told just before"
                    _absorb(attack, sent, clause, text, h)
                    self._lend_roles(attack, roles)
                    continue
            status_pos = lv_pos or p.pos
            status_first = lv_index if lv_index is not None else first
            status = decide_status(status_first, last, status_pos, clause,
                                   _cues_in_statement(status_cues, statements, status_first), entry.denial, first)
            if denial_from is not None and first > denial_from and not entry.denial:
                status = type(status)("denied", "status.denial_complement", status.cue)
            if entry.type in GATED_TYPES:  # the gate keeps every other type as it is (gate.not_gated)
                verdict = self.gate.check(GateCandidate(entry.type, p.pos, status.status, sent, clause, first, last,
                                                        lv_index, lv_pos, article.published, h.prefix),
                                          _sentence_mentions(article, ctx, idx))
                if not verdict.keep:
                    cand.reason = f"not a concrete event: {verdict.reason} ({verdict.rule})"
                    continue
            attribution = attribution_for(attributions, first)
            mode = self._mode(entry, modes, clause)
            ev = self._build(article, idx, sent, h, entry.id, entry.type, mode, status.status, clause,
                             roles.actor, roles.recipient, paragraph, places, dates, numbers, dateline,
                             attribution.text if attribution else None, entry.acled, ctx.places, background)
            ev.provenance.rules = [f"trigger.{p.pos}"] + (["trigger.light_verb"] if lv_index is not None else []) \
                + roles.rules + [status.rule] + ev.provenance.rules
            if status.cue:
                ev.provenance.lexicon_entries.append(status.cue)
            if attribution:
                ev.provenance.lexicon_entries.append(attribution.cue)
            events.append(ev)
            ctx.event_paragraph[ev.id] = sent.paragraph
            ctx.forms[ev.id] = p.form
            ctx.times[ev.id] = when
            time_floor = last + 1
            cand.coded, cand.event_id, cand.rules = True, ev.id, ev.provenance.rules
            coded_in_clause[(clause.index, entry.type)] = ev
            coded_in_sentence.setdefault(entry.type, ev)
            coded_in_sentence.setdefault(restating_key(entry.type, entry.id), ev)
            if entry.denial:
                denial_from = last
            elif entry.type in IRREALIS_TYPES and irrealis_gate is None and (p.pos in VERB_POS or lv_index is not None):
                irrealis_gate = (last, h.text)
            if roles.actor:
                ctx.last_actor, ctx.last_actor_paragraph = roles.actor, sent.paragraph
        _fold_confronting(events, cands, sent)
        return events, cands

    def _lend_roles(self, ev: Event, roles) -> None:
        """A second telling of ``ev`` (its verbal noun, its toll, the definite noun naming it again)
        may name who did it or to whom where the first did not: fill the roles ``ev`` lacks."""
        def key(q):
            return q.id or normalize(q.text)
        changed = False
        taken = {key(q) for q in ev.actor + ev.recipient}
        if not ev.actor and roles.actor:
            ev.actor = [q for q in roles.actor if key(q) not in taken]
            changed = bool(ev.actor)
            taken |= {key(q) for q in ev.actor}
        if not ev.recipient and roles.recipient:
            ev.recipient = [q for q in roles.recipient if key(q) not in taken]
            changed = changed or bool(ev.recipient)
        if changed:
            ev.provenance.rules.append("roles.retelling")
            entry = self.triggers.entries.get(ev.provenance.lexicon_entries[0])
            ev.acled = acled_columns(ev, dict(entry.acled) if entry else {})
            ev.note_en = note_for(ev)

    def _add_facility_owner(self, roles, sent: Sentence, text: str, places, last: int, clause: Clause) -> None:
        """An attack on قاعدة حرير الأميركية is against the United States."""
        in_sentence = [m for m in places if sent.start <= m.start < sent.end]
        owner = facility_owner(sent, text, in_sentence, last, min(clause.last, last + FACILITY_WINDOW), self.extra)
        if owner is not None and owner.id not in {q.id for q in roles.actor}:
            roles.recipient.append(owner)
            roles.rules.append("roles.facility_owner")

    def _light_verb(self, light: list[CueMatch], first: int, clauses: list[Clause],
                    text: str) -> tuple[Optional[int], Optional[str]]:
        for cue in reversed(light):
            # across commas (فرضت منذ أسابيع، حصارا) but not across a new statement
            opener = any(c.opens_statement and cue.first_token < c.first <= first for c in clauses)
            if cue.first_token < first and first - cue.last_token <= LIGHT_VERB_WINDOW and not opener:
                surface = normalize(text[cue.start:cue.end])
                return cue.first_token, self.light_verb_pos.get(surface, VERB_PAST)
        return None, None

    @staticmethod
    def _attack_just_told(events: list[Event], sent: Sentence, in_sentence: dict[str, Event],
                          ctx: _Context) -> Optional[Event]:
        """The ASSAULT coded in this sentence or the paragraph's previous one: an agentless casualty
        report right after an attack gives that attack's toll, not a new event."""
        if "ASSAULT" in in_sentence:
            return in_sentence["ASSAULT"]
        if events and events[-1].type == "ASSAULT" and ctx.event_paragraph.get(events[-1].id) == sent.paragraph:
            return events[-1]
        return None

    @staticmethod
    def _coreferent(events: list[Event], h: TriggerHit, p, construct: bool = False) -> Optional[Event]:
        """An earlier event this definite verbal noun (المقترح، الاجتماع) refers back to. Only one of
        the same lexicon entry: allowing any event of the type in the paragraph (الهجوم after قتل)
        swallowed a different event on gold-dev (typed tp -1, 2026-11-26)."""
        if "ال" not in h.prefix and not normalize(h.text).startswith("ال") and not construct:
            return None
        for e in reversed(events):
            if e.type == p.entry.type and p.entry.id in e.provenance.lexicon_entries:
                return e
        return None

    def _anaphor_slots(self, sent: Sentence, text: str, parts: list[Mention], ctx: _Context,
                       anaphors: list[CueMatch]) -> list[Slot]:
        """الأخيرة and the like, standing for the last actor named before them."""
        out = []
        for cue in anaphors:
            before = [m for m in parts if m.end <= cue.start] or ctx.last_mentions
            if not before:
                continue
            ante = before[-1]
            m = Mention(kind=ante.kind, start=cue.start, end=cue.end, text=text[cue.start:cue.end],
                        entity_id=ante.entity_id, name_en=ante.name_en, country=ante.country, sector=ante.sector,
                        acled_type=ante.acled_type, source="rule", rule="roles.anaphor")
            slot = place_slots(sent, text, [m])
            for s in slot:
                s.resolved_from = ante.text
            out += slot
        return out

    @staticmethod
    def _previous_subject(ctx: _Context) -> list[Participant]:
        """The first participant of the previous sentence with one that is not a reporter (its
        doer found once per sentence, a fresh Participant each time)."""
        if ctx.doer_of is None or ctx.doer_of[0] is not ctx.last_mentions:
            doer = next((m for m in ctx.last_mentions if not normalize(m.text).startswith(REPORTER_PREFIXES)), None)
            ctx.doer_of = (ctx.last_mentions, doer)
        doer = ctx.doer_of[1]
        return [participant(doer)] if doer is not None else []

    def _mode(self, entry, modes: list[CueMatch], clause: Clause) -> Optional[str]:
        for cue in modes:
            a = cue.entry.attrs
            if entry.type in (a.get("applies_to") or ()) and clause.first <= cue.first_token <= clause.last:
                if entry.mode is None or entry.type == "ASSAULT":
                    return a.get("mode")
        return entry.mode

    # ------------------------------------------------------------------ event
    def _build(self, article: Article, idx: int, sent: Sentence, h: TriggerHit, entry_id: str, etype: str,
               mode: Optional[str], status: str, clause: Clause, actor, recipient, paragraph, places, dates,
               numbers, dateline, attributed_to, entry_acled, article_places: ArticlePlaces,
               background: Optional[int]) -> Event:
        """``background``: background_from(sent), the first token of the sentence that tells background."""
        text = article.text
        spans = [(clause.start, clause.end)] + [(q.start, q.end) for q in actor + recipient
                                                 if q.start is not None and sent.start <= q.start < sent.end]
        ev_start, ev_end = min(s for s, _ in spans), max(e for _, e in spans)
        scope = Scope((clause.start, clause.end), (sent.start, sent.end), paragraph)
        location, place_rule = article_places.choose(etype, h.start, scope, dateline is not None)
        date, date_rule = choose_date(scope, dates, article.published,
                                      background is not None and background <= clause.last, h.start)
        fatalities, injuries = casualties(scope, numbers) if etype == "ASSAULT" else (None, None)
        ev = Event(
            id=content_id(article.id, str(h.start), etype),
            type=etype, mode=mode, status=status,
            trigger=Span(h.start, h.end, h.text),
            mentions=[Span(ev_start, ev_end, text[ev_start:ev_end])],
            actor=actor, recipient=recipient, location=location, date=date,
            fatalities=fatalities, injuries=injuries, attributed_to=attributed_to,
            provenance=Provenance(rules=[place_rule, date_rule], lexicon_entries=[entry_id],
                                  code_version=self.versions[0], lexicon_version=self.versions[1],
                                  sentences=[idx]),
        )
        ev.quad_code = quad_code(etype)
        ev.event_scale = event_scale(etype, mode)
        ev.acled = acled_columns(ev, dict(entry_acled))
        ev.note_en = note_for(ev)
        return ev


# Verbal nouns that, in the accusative after a protest (رفضا، تنديدا، تضامنا، دعما), give its motive.
MOTIVE_TYPES = frozenset({"REJECT", "ACCUSE", "SUPPORT", "REQUEST"})
# Statement types: with no subject of its own, the trigger's doer is the one whose statement holds it.
SPEECH_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE"})


def _speaker(attributions, first: int, slots: list[Slot], sent: Sentence) -> list[Slot]:
    """The participant who speaks in the reporting frame (قال/أكد X إن ...) that holds token ``first``."""
    frame = next((a for a in reversed(attributions) if a.kind == "speaker" and a.first_token < first), None)
    if frame is None:
        return []
    for k, s in enumerate(slots):
        m = s.mention
        if m.start < frame.end and frame.start < m.end and s.last < first:
            return chain_at(slots, k, sent.tokens)
    return []


LEAD_SUBJECT_MAX_TOKEN = 2  # و-verb, كان or قد before the subject of a sentence's opening verb


def _lead_subject(sent: Sentence, slots: list[Slot]) -> list[Slot]:
    """The subject of the sentence's opening verb (وقال وزير الخارجية ...، وكان الجيش قد ...), or
    its opening noun subject; not a source or reporter (مصادر، مراسل)."""
    if not slots or slots[0].preposition or slots[0].first > LEAD_SUBJECT_MAX_TOKEN:
        return []
    if normalize(slots[0].mention.text).startswith(REPORTER_PREFIXES) or slots[0].mention.sector == "MEDIA":
        return []
    return chain_at(slots, 0, sent.tokens)


NER_NAME_MAX_WORDS = 4  # a guessed name longer than this, or one holding a verb, is a tagging error


def _real_name(m: Mention, h: TriggerHit, pos: str, text: str) -> bool:
    """Whether a name holding trigger ``h`` really is one: not a name the statistical tagger or the
    title rule ran across a clause (مراسلتنا أن قوات الاحتلال حاصرت أحد المنازل) and not a word glued
    to the trigger (العراقاستهداف)."""
    if h.glued and m.start < h.start:
        return False
    guessed = m.source == "ner" or (m.kind == "person" and m.source != "lexicon")  # tagger or title rule
    if guessed and ((pos in VERB_POS and "ال" not in h.prefix)
                    or len(text[m.start:m.end].split()) > NER_NAME_MAX_WORDS):
        return False
    return True


ADJUNCT_GAP = 2  # words between a sentence's subject and a verbal noun in its adjunct (في، خلال، قبل)


def _adjunct_of_lead(sent: Sentence, lead: list[Slot], first: int) -> bool:
    """Whether the noun at token ``first`` heads a prepositional adjunct right after the subject of
    the sentence's opening verb: وقال كيري خلال مؤتمر صحفي، وقال قادة الاتحاد في قمة."""
    if not lead:
        return False
    gap = sent.tokens[lead[-1].last + 1:first]
    if not gap or len(gap) > ADJUNCT_GAP:
        return False
    from .roles import PREPOSITIONS, SUBJECT_GAP_WORDS
    return gap[0].norm in PREPOSITIONS and all(t.norm in PREPOSITIONS or t.norm in SUBJECT_GAP_WORDS for t in gap)


def _object_of_lead(sent: Sentence, lead: list[Slot], clauses: list[Clause], first: int) -> bool:
    """Whether a statement noun at ``first`` is the object of the sentence's opening verb, in its
    first clause and after its subject with no complement clause between (وتؤكد سوريا عدم شرعية ...،
    أعربت الوزارة عن أسفها)."""
    if not lead or not clauses or not (lead[-1].last < first <= clauses[0].last) or lead[0].first == 0:
        return False
    from .roles import CARRIER_BARRIERS, is_verb_of, verb_surfaces
    if not is_verb_of(sent.tokens[lead[0].first - 1], verb_surfaces("statement_verb")):
        return False
    return not any(t.norm in CARRIER_BARRIERS for t in sent.tokens[lead[-1].last + 1:first])


def _absorb(ev: Event, sent: Sentence, clause: Clause, text: str, h: TriggerHit) -> None:
    """A trigger folded into ``ev`` (a second word for it, its toll, a noun naming it again) is
    another place where ``ev`` is told: in the event's own sentence its clause joins the event's
    mention; in another sentence the word itself becomes a mention (that sentence's place and time
    need not be the event's, so its clause is not claimed)."""
    for k, m in enumerate(ev.mentions):
        if m.field == "text" and sent.start <= m.start < sent.end:
            start, end = min(m.start, clause.start), max(m.end, clause.end)
            ev.mentions[k] = Span(start, end, text[start:end])
            return
    ev.mentions.append(Span(h.start, h.end, h.text))


# A meeting named with its schedule (الاجتماع المقبل، اجتماع وزراء الخارجية المقرر انعقاده) is to take
# place whoever asks to attend it or to put a matter off to it: not the content of the demand.
SCHEDULE_CUES = frozenset({"cues.status.future_next"})
SCHEDULE_WINDOW = 3


CONFRONT_STEM = normalize("تصد")  # تصدى، تتصدى، التصدي


def _fold_confronting(events: list[Event], cands: list["Candidate"], sent: Sentence) -> None:
    """تصدت قوات الجيش، لأوسع هجوم نفذته الهيئة؛ تتصدى لاعتداءات بالطيران المسير: confronting names the
    attack it answers, and that attack, coded from its own noun (the object with ل, or the word after
    it), is the one event. The confronter becomes its target when it has none."""
    for ev in [e for e in events if e.type == "ASSAULT" and CONFRONT_STEM in normalize(e.trigger.text)]:
        _, last = token_range(sent, ev.trigger.start, ev.trigger.end)
        if last is None:
            continue
        toks = sent.tokens
        obj = next((k for k in range(last + 1, min(len(toks), last + 8)) if toks[k].norm.startswith("ل")), None)
        if obj is None:
            continue
        attack = next((e for e in events if e is not ev and e.type == "ASSAULT" and "trigger.noun" in e.provenance.rules
                       and token_range(sent, e.trigger.start, e.trigger.end)[0] in (obj, obj + 1)), None)
        if attack is None:
            continue
        events.remove(ev)
        if not attack.recipient:
            attack.recipient = ev.actor
        for c in cands:
            if c.event_id == ev.id:
                c.coded, c.reason = False, f"confronting the attack '{attack.trigger.text}' told after it: one event"


def _scheduled_meeting(etype: str, status_cues: list[CueMatch], last: int) -> bool:
    """Whether a meeting trigger ending at token ``last`` is followed by a word of its schedule."""
    return etype == "CONSULT" and any(c.entry.id in SCHEDULE_CUES and 0 < c.first_token - last <= SCHEDULE_WINDOW
                                      for c in status_cues)


def _responds_between(sent: Sentence, start: int, end: int) -> bool:
    """Whether a word opening the event answered (ردا على، انتقاما ل) stands between two offsets of
    the sentence: what follows it is another event than what precedes it."""
    return any(start <= t.start < end and t.norm in RESPONSE_WORDS for t in sent.tokens)


def _sentence_mentions(article: Article, ctx: _Context, idx: int) -> list[Mention]:
    """The body mentions inside sentence ``idx``, in the article's order: all the gate reads (its
    rules look at the candidate's clause and sentence only), bucketed once per article."""
    if ctx.sentence_mentions is None:
        sentences = article.sentences
        starts = [s.start for s in sentences]
        buckets: dict[int, list[Mention]] = {}
        for m in article.mentions:
            if m.field != "text":
                continue
            si = bisect.bisect_right(starts, m.start) - 1
            if si >= 0 and m.start < sentences[si].end:
                buckets.setdefault(si, []).append(m)
        ctx.sentence_mentions = buckets
    return ctx.sentence_mentions.get(idx, [])


def _paragraph_ranges(sentences: list[Sentence]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for s in sentences:
        a, b = out.get(s.paragraph, (s.start, s.end))
        out[s.paragraph] = (min(a, s.start), max(b, s.end))
    return out


# Verbs of a crowd moving or pouring out (توجه المتظاهرون، خرج المحتجون): with
# a protester noun as subject they report the demonstration itself.
_MOTION = frozenset(f for past, present in (
    ("توجه", "يتوجه"), ("اتجه", "يتجه"), ("سار", "يسير"), ("زحف", "يزحف"), ("تدفق", "يتدفق"),
    ("خرج", "يخرج"), ("انطلق", "ينطلق"), ("توافد", "يتوافد"), ("جاب", "يجوب"), ("طاف", "يطوف"),
    ("احتشد", "يحتشد"), ("تجمع", "يتجمع"), ("تجمهر", "يتجمهر"), ("اقتحم", "يقتحم"))
    for f, _ in conjugate(past, present))
_CROWD_SIZE = frozenset(normalize(w) for w in (
    "آلاف", "الآلاف", "ألوف", "مئات", "المئات", "عشرات", "العشرات", "مليون", "ملايين", "الملايين", "عشرات الآلاف"))
_PROTESTER_NOUNS = frozenset(normalize(w) for w in (
    "متظاهرون", "متظاهرين", "محتجون", "محتجين", "معتصمين", "معتصمون"))


def _crowd_on_the_move(sent: Sentence, first: int, last: int, h: TriggerHit, numbers: list[Mention]) -> bool:
    """Whether the protester noun at ``first`` is a crowd named in the act of protesting, not people
    a protest told before is taken up by: the subject of a verb of motion just before it (توجه
    المتظاهرون، انطلق المتظاهرون) or followed by its count (المتظاهرون وهم 3500). A noun of crowd
    size (آلاف المتظاهرين، حشد من المتظاهرين) is not enough: it is mostly the object of a dispersal or
    the audience of a speech (gsr-dev)."""
    word = normalize(h.text)
    word = word[1:] if word[:1] in ("و", "ف") and word[1:].startswith("ال") else word
    if (word[2:] if word.startswith("ال") else word) not in _PROTESTER_NOUNS:
        return False
    toks = sent.tokens
    k = first - 1
    counted = False  # a crowd's size between the verb and the noun: تجمع مئات (من) المتظاهرين
    if k >= 1 and toks[k].norm == "من":
        k -= 1
    while k >= 1 and (toks[k].norm in _CROWD_SIZE or any(toks[k].start <= m.start < toks[k].end for m in numbers)):
        k, counted = k - 1, True
    if not counted:
        k = first - 1
    if k >= 0:
        v = without_conjunction(toks[k].norm)
        # the subject is nominative: يخرج المتظاهرين is causative, unless a count stands between
        if v in _MOTION and (counted or not word.endswith("ين")):
            return True
    if last + 2 < len(toks) and toks[last + 1].norm in ("وهم", "وعددهم"):
        lo, hi = toks[last + 2].start, toks[min(last + 3, len(toks) - 1)].end
        return any(lo <= m.start < hi for m in numbers)
    return False


# Words opening a clause that sets a new statement against the one before (نفت ... لكنها أكدت).
CONTRASTS = frozenset(normalize(w) for w in (
    "لكن", "ولكن", "لكنه", "لكنها", "لكنهم", "ولكنه", "ولكنها", "إلا", "غير", "بيد", "بينما", "فيما",
    "قائلا", "قائلة", "قائلين", "مؤكدا", "مؤكدة", "مؤكدين", "مشيرا", "مشيرة", "مضيفا", "مضيفة"))
VERBAL_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})


def _cues_in_statement(cues: list[CueMatch], statements: list[int], first: int) -> list[CueMatch]:
    """The status cues that reach a trigger at token ``first``: a sentence-wide cue (نفت، زعم) stops
    where a new statement starts between it and the trigger (نفت سوريا استهداف الوكالة، وأكدت ...
    بأن وحدات من الجيش قضت على أعداد كبيرة: the killing is asserted)."""
    starts = [k for k in statements if k <= first]
    if not starts:
        return cues
    return [c for c in cues if c.entry.attrs.get("where") != "sentence"
            or not any(c.last_token < s for s in starts)]


def _definite_genitive(sent: Sentence, last: int, dates: list[Mention]) -> bool:
    """Whether the noun ending at token ``last`` is made definite by the genitive after it (زيارة
    الرئيس الإيراني): a construct that can refer back as الزيارة does. A time word after it (لقائه
    الاثنين) is no genitive."""
    if last + 1 >= len(sent.tokens):
        return False
    t = sent.tokens[last + 1]
    if any(m.start <= t.start < m.end for m in dates):
        return False
    return t.norm.startswith("ال") and len(t.norm) > 3


# Words of absence: a verbal noun right after them names what did not happen (تتواصل دون هدنة).
WITHOUT = frozenset(normalize(w) for w in ("دون", "بدون", "بلا", "ودون", "وبدون", "وبلا"))
# Words of likening: the noun after them is a figure of speech (إنه بمثابة لغم جديد لإسرائيل).
LIKENING = frozenset(normalize(w) for w in ("بمثابة", "وبمثابة", "بمنزلة", "وبمنزلة"))


def _count_follows(sent: Sentence, numbers: list[Mention], after: int, until: int) -> bool:
    """A number or casualty mention starting among tokens after..until (inclusive; not past the
    sentence: a toll may follow a parenthetical time, توفي، الأحد الفائت، 14 مدنيا)."""
    until = min(until, len(sent.tokens) - 1)
    if after + 1 > until:
        return False
    lo, hi = sent.tokens[after + 1].start, sent.tokens[until].end
    return any(lo <= m.start < hi for m in numbers)


def _word_follows(sent: Sentence, after: int, until: int, words: tuple[str, ...]) -> bool:
    """One of ``words`` (normalized) among tokens after..until (inclusive), bare or after و/ف and
    ال only: بالضرورة ("necessarily") is not ضرورة. A word written =word matches only as written
    (after و/ف): =منطقة is an area (منطقة جمرايا), not المنطقة "the region"."""
    for t in sent.tokens[after + 1:until + 1]:
        n = without_conjunction(t.norm)
        if t.norm in words or n in words or (n.startswith("ال") and n[2:] in words) or "=" + n in words:
            return True
    return False


# Verbs with no agent (the bomb exploded, clashes broke out, he was martyred, he died).
UNACCUSATIVE_VERBS = frozenset(normalize(w) for w in (
    "انفجر", "انفجرت", "ينفجر", "تنفجر", "اندلع", "اندلعت", "يندلع", "تندلع", "توفي", "توفيت", "استشهد", "استشهدت",
    "قضى", "لقي", "لقيت", "سقط", "سقطت",
    # passives whose unvowelled spelling is unambiguous (أُصيب; the active is أصاب): the victim is their subject
    "أصيب", "أصيبت", "أصيبوا", "اصيب", "اصيبت", "اصيبوا", "يصاب", "تصاب", "يصابون"))


def _agentless(h: TriggerHit, entry, pos: str) -> bool:
    """A trigger that names no doer by its nature: an unaccusative verb (انفجرت، اندلعت، استشهد) or
    a protest noun (احتجاجات، وقفة), whose holders are named in its own clause or not at all. The
    discourse's last actor must not be given to it."""
    word = normalize(h.text).split(" ")[0]  # the verb of a phrase (اندلعت اشتباكات)
    bare = without_conjunction(word)
    if pos in VERB_POS and (bare in UNACCUSATIVE_VERBS or word in UNACCUSATIVE_VERBS):
        return True
    return entry.type == "PROTEST" and pos == NOUN


# The opening credit line of wire copy (دبي، الإمارات العربية المتحدة (CNN) --): where the story was
# filed, not who acts in it; without this its country became the discourse's actor of the first
# events that name none. "City، Country (AGENCY) --", or one to three words before the agency
# (القدس (CNN) --); not a sentence naming a group's English acronym (أعلن تنظيم الدولة (ISIS) - ...).
_CREDIT_LINE = re.compile(r"\s*(?:[^\n(،]{1,30}،[^\n(]{1,40}|\S+(?: \S+){0,2} ?)"
                          r"\([A-Z][A-Za-z .]{1,20}\)\s*[-\u2013\u2014]{1,3}")


def _credit_line_end(text: str) -> int:
    """Where the opening credit line ends (0: the article has none)."""
    m = _CREDIT_LINE.match(text)
    return m.end() if m else 0
