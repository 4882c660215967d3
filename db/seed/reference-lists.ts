// The code lists of DESIGN §3. Codes are stable; labels may change.

export type TopicSeed = { code: string; label: string; description?: string };

export const TOPIC_SEEDS: TopicSeed[] = [
  { code: "EVID", label: "Electronic evidence" },
  { code: "EVID.GATHER", label: "Gathering and seizure of electronic evidence" },
  { code: "EVID.PRESERVE", label: "Preservation, expedited data preservation and chain of custody" },
  { code: "EVID.PRESENT", label: "Presenting electronic evidence in court" },
  { code: "EVID.FORENSICS", label: "Computer forensics" },
  { code: "EVID.MOBILE", label: "Mobile device forensics" },
  { code: "EVID.NETWORK", label: "IP addresses, connection logs and time-zone normalisation of foreign reports" },
  { code: "INV", label: "Investigation" },
  { code: "INV.PROACTIVE", label: "Proactive and undercover online investigation of grooming and solicitation" },
  { code: "INV.VICTIMID", label: "Victim identification from abuse material (image analysis, hash matching)" },
  { code: "INV.ANONYMITY", label: "Tor, encryption, cloud storage and ephemeral apps" },
  { code: "INV.LIVESTREAM", label: "Live-streamed abuse and payment tracing" },
  { code: "INV.TRAFFICKING", label: "Online recruitment and advertising in trafficking and travel-and-tourism exploitation" },
  { code: "INV.TARGETS", label: "High-value targets and offender networks" },
  { code: "VIC", label: "Victims" },
  { code: "VIC.ASSIST", label: "Assistance and protection through the process" },
  { code: "VIC.INTERVIEW", label: "Child-sensitive interviewing" },
  { code: "VIC.FAMILY", label: "Abuse within families" },
  { code: "COOP", label: "Cooperation" },
  { code: "COOP.MLA", label: "Mutual legal assistance" },
  { code: "COOP.JOINT", label: "Joint and multi-jurisdictional operations, SOPs" },
  { code: "COOP.ESP", label: "Working with electronic service providers (subscriber, traffic, content data)" },
  { code: "GOV", label: "Structures" },
  { code: "GOV.UNITS", label: "Specialised units and inter-agency task forces" },
  { code: "GOV.LAW", label: "Legislation review" },
  { code: "GOV.LEADERS", label: "Awareness of senior officials" },
  { code: "PREV", label: "Prevention" },
  { code: "PREV.CHILDREN", label: "Children's online safety" },
  { code: "PREV.CAREGIVERS", label: "Parents, caregivers and teachers" },
  { code: "PREV.REPORTING", label: "Reporting channels and hotlines" },
  { code: "TOT", label: "Training of trainers and needs-assessment methods" },
];

export const OFFENCE_SEEDS = [
  { code: "CSAM", label: "Child sexual abuse material" },
  { code: "TRAFFICKING", label: "Trafficking in children" },
  { code: "TRAVEL_TOURISM", label: "Exploitation in travel and tourism" },
  { code: "ENTICEMENT", label: "Enticement (grooming, solicitation)" },
  { code: "SEXTORTION", label: "Sexual extortion" },
  { code: "CYBERBULLYING", label: "Cyberbullying (harassment, stalking)" },
  { code: "HARMFUL_CONTENT", label: "Exposure to harmful content" },
  { code: "SELF_GENERATED", label: "Self-generated material (sexting)" },
  { code: "LIVE_STREAMING", label: "Live-streamed abuse" },
];

export const AUDIENCE_SEEDS = [
  { code: "POLICE", label: "Police and investigators" },
  { code: "FORENSIC", label: "Forensic examiners" },
  { code: "PROSECUTOR", label: "Prosecutors" },
  { code: "JUDGE", label: "Judges" },
  { code: "VICTIM_SERVICES", label: "Victim services" },
  { code: "POLICY", label: "Policymakers and senior officials" },
  { code: "INDUSTRY", label: "Industry" },
  { code: "EDUCATOR", label: "Educators" },
  { code: "CAREGIVER", label: "Parents and caregivers" },
  { code: "CHILD", label: "Children and young people" },
  { code: "CIVIL_SOCIETY", label: "Civil society" },
  { code: "TRAINER", label: "Trainers" },
];

export function parentTopicCode(code: string): string | null {
  const dot = code.lastIndexOf(".");
  return dot === -1 ? null : code.slice(0, dot);
}
