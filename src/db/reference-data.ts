/**
 * Reference (catalog) data for Extrovertly Companion: the missions people can
 * take on and the achievements they can earn.
 *
 * Tone guide for anyone editing this file: warm, kind and concrete. Missions are
 * small real-world steps an anxious person can actually do; nothing here should
 * shame anyone for skipping a day or choosing an easier step.
 *
 * `key` values are stable slugs used to upsert rows. Edit the text freely, but
 * never change or reuse a key.
 */

export type MissionDifficulty = 'beginner' | 'intermediate' | 'advanced';

/** A catalog mission. `key` is a stable slug that never changes, even when the text is edited. */
export interface MissionSeed {
  /** kebab-case, unique, stable. */
  key: string;
  /** At most 200 characters. */
  title: string;
  /** Warm, concrete, 1-3 sentences: what to do and why it helps. */
  description: string;
  difficulty: MissionDifficulty;
  /** snake_case, at most 100 characters. */
  category: string;
  /** Integer. Beginner 10-15, intermediate 20-30, advanced 35-50. */
  points: number;
  /** At most 50 characters, e.g. '5-10 minutes'. */
  timeEstimate: string;
  /** 2 to 4 short, concrete tips. */
  tips: readonly string[];
}

/** An achievement. `requirements` maps metric -> threshold (positive integer); ALL entries must be met. */
export interface AchievementSeed {
  key: string;
  /** At most 200 characters. */
  title: string;
  description: string;
  /** One emoji (one code point, or two with VS16); at most 10 UTF-16 units. */
  icon: string;
  /** At most 100 characters. */
  category: string;
  requirements: Readonly<Record<string, number>>;
  pointsReward: number;
}

export const MISSIONS: readonly MissionSeed[] = [
  // --- Sample missions from the original seed (text kept verbatim) ---
  {
    key: 'start-a-conversation',
    title: 'Start a Conversation',
    description: 'Initiate a conversation with someone new today',
    difficulty: 'beginner',
    category: 'conversation',
    points: 10,
    timeEstimate: '5-10 minutes',
    tips: ['Make eye contact', 'Ask open-ended questions', 'Listen actively'],
  },
  {
    key: 'give-a-compliment',
    title: 'Give a Compliment',
    description: 'Give a genuine compliment to someone',
    difficulty: 'beginner',
    category: 'social_skills',
    points: 15,
    timeEstimate: '2-5 minutes',
    tips: ['Be specific', 'Be genuine', 'Choose appropriate timing'],
  },
  {
    key: 'join-a-group-discussion',
    title: 'Join a Group Discussion',
    description: 'Participate in a group conversation',
    difficulty: 'intermediate',
    category: 'group_social',
    points: 25,
    timeEstimate: '15-30 minutes',
    tips: ['Listen first', "Build on others' points", 'Share relevant experiences'],
  },

  // --- conversation ---
  {
    key: 'ask-a-cashier-about-their-day',
    title: 'Ask a Barista or Cashier How Their Day Is Going',
    description:
      'Next time you buy something, ask the person serving you how their day is going, and listen to the answer. It is a short, friendly exchange with a natural ending, which makes it a gentle way to practise small talk.',
    difficulty: 'beginner',
    category: 'conversation',
    points: 10,
    timeEstimate: '1-2 minutes',
    tips: [
      'Pick a quiet moment when there is no queue',
      'A simple "How\'s your day going?" is plenty',
      'If they answer briefly, a smile and "Thanks!" is a perfect ending',
    ],
  },
  {
    key: 'text-an-old-friend',
    title: 'Send a Hello to Someone You Miss',
    description:
      'Send a short message to a friend or relative you have not talked to in a while, like "Saw this and thought of you, how are you?" Texting lets you take your time, and small check-ins keep connections warm without a big conversation.',
    difficulty: 'beginner',
    category: 'conversation',
    points: 10,
    timeEstimate: '5 minutes',
    tips: [
      'Mention something specific that reminded you of them',
      'Keep it short; no need to explain the gap',
      'Send it, then put your phone away for a while',
    ],
  },
  {
    key: 'ask-three-follow-up-questions',
    title: 'Ask Three Follow-Up Questions',
    description:
      'In one conversation, ask three questions that build on what the other person just said, such as "What was that like?" or "How did you get into that?" Follow-ups show you are listening and take pressure off you to think of new topics.',
    difficulty: 'intermediate',
    category: 'conversation',
    points: 20,
    timeEstimate: '10-15 minutes',
    tips: [
      'Listen for a word that sparks your curiosity',
      'Start with "how" or "what" to keep it open',
      'Silence for a second or two while you think is normal',
    ],
  },
  {
    key: 'make-a-phone-call',
    title: 'Make a Phone Call Instead of Texting',
    description:
      'Pick one small task you would normally do by message or app, like booking an appointment or checking opening hours, and call instead. Calls feel big beforehand but are usually over in two minutes, and each one makes the next easier.',
    difficulty: 'intermediate',
    category: 'conversation',
    points: 20,
    timeEstimate: '5-10 minutes',
    tips: [
      'Write down the one or two things you need to say',
      'Have a pen ready for dates or names',
      'It is fine to say "Sorry, could you repeat that?"',
    ],
  },
  {
    key: 'fifteen-minute-conversation',
    title: 'Keep a Conversation Going for 15 Minutes',
    description:
      'Have a 15-minute conversation with someone you do not know well yet, like a coworker, classmate or neighbour. Staying past the first few minutes is where small talk turns into real connection.',
    difficulty: 'advanced',
    category: 'conversation',
    points: 35,
    timeEstimate: '15-20 minutes',
    tips: [
      'Have two or three go-to topics ready, like weekend plans or recent shows',
      'Share a little about yourself after each answer',
      'A short pause is not a failure; a follow-up question restarts things',
    ],
  },

  {
    key: 'comment-on-a-shared-moment',
    title: 'Make a Light Comment While Waiting',
    description:
      'While waiting in a queue, lift or waiting room, make one light remark about something you both notice, like "This line is moving fast today." Shared-moment comments are low stakes because they need no follow-up, and they get you used to speaking first.',
    difficulty: 'beginner',
    category: 'conversation',
    points: 10,
    timeEstimate: '1-2 minutes',
    tips: [
      'Comment on the situation, not the person',
      'A shrug or a smile back is a complete exchange',
      'Weather, queues and pets are classic openers for a reason',
    ],
  },
  {
    key: 'reply-with-a-question',
    title: 'Reply to a Message With a Question',
    description:
      'When someone messages you, reply and add one question that keeps the conversation going, like "How did the interview go?" Texting gives you time to think, and adding a question shows you want to keep talking.',
    difficulty: 'beginner',
    category: 'conversation',
    points: 10,
    timeEstimate: '5 minutes',
    tips: [
      'Ask about something they mentioned recently',
      'One question is enough',
      'Replying a day later is perfectly fine',
    ],
  },
  {
    key: 'chat-with-a-neighbour',
    title: 'Have a Short Chat With a Neighbour',
    description:
      'Next time you see a neighbour, go beyond a nod and chat for a few minutes about the building, the street or their weekend. Friendly neighbours make home feel safer, and a few small chats add up to real familiarity.',
    difficulty: 'intermediate',
    category: 'conversation',
    points: 20,
    timeEstimate: '3-5 minutes',
    tips: [
      'Start with "Hi, I\'m..." if you have never swapped names',
      'Ask about something you can both see, like a garden or a new shop',
      'End warmly: "Nice chatting, see you around!"',
    ],
  },
  {
    key: 'ask-a-deeper-question',
    title: 'Turn Small Talk Into a Deeper Question',
    description:
      'During an easy chat with someone you know a little, ask one question that goes a bit deeper, like "What has been the best part of your month?" Slightly deeper questions are how small talk becomes real connection, and people often enjoy being asked.',
    difficulty: 'advanced',
    category: 'conversation',
    points: 35,
    timeEstimate: '10-20 minutes',
    tips: [
      'Wait until the conversation feels relaxed',
      'Be ready to answer your own question too',
      'If they keep it light, follow their lead',
    ],
  },

  // --- social_skills ---
  {
    key: 'use-someones-name',
    title: "Remember and Use Someone's Name",
    description:
      'When you meet someone or hear a name, repeat it once in the conversation, like "Nice to meet you, Sam." Using names makes people feel seen and gives your brain a concrete thing to focus on instead of your nerves.',
    difficulty: 'beginner',
    category: 'social_skills',
    points: 10,
    timeEstimate: '1-2 minutes',
    tips: [
      'Say it back right away while it is fresh',
      'If you forget, "Sorry, what was your name again?" is totally fine',
      'Jot it in your phone afterwards if it helps',
    ],
  },
  {
    key: 'send-a-specific-thank-you',
    title: 'Send a Specific Thank-You Message',
    description:
      'Message someone to thank them for one specific thing they did, like "Thanks for explaining that spreadsheet, it saved me an hour." Gratitude is an easy, low-risk way to start contact, and it often makes someone\'s whole day.',
    difficulty: 'beginner',
    category: 'social_skills',
    points: 10,
    timeEstimate: '5 minutes',
    tips: [
      'Name exactly what they did',
      'Say how it helped you',
      'No reply needed; it is a gift, not a question',
    ],
  },
  {
    key: 'ask-for-a-recommendation',
    title: 'Ask a Staff Member for a Recommendation',
    description:
      'Ask a librarian, bookseller, barista or shop assistant what they would recommend. People usually enjoy sharing what they love, so it is a friendly question that is easy to answer.',
    difficulty: 'beginner',
    category: 'social_skills',
    points: 15,
    timeEstimate: '2-5 minutes',
    tips: [
      'Try "What\'s your favourite here?"',
      'Ask one small follow-up about why they like it',
      'You do not have to buy what they suggest',
    ],
  },
  {
    key: 'introduce-two-people',
    title: 'Introduce Two People You Know',
    description:
      'Introduce two people you know to each other and mention one thing they have in common. You get to be the connector, and the conversation quickly takes the spotlight off you.',
    difficulty: 'intermediate',
    category: 'social_skills',
    points: 25,
    timeEstimate: '5-10 minutes',
    tips: [
      'Use both names: "Alex, this is Jo. Jo, Alex."',
      'Add a hook: "You both love hiking."',
      'Once they are chatting, you can stay or step away',
    ],
  },
  {
    key: 'invite-someone-to-hang-out',
    title: 'Invite Someone to Do Something Together',
    description:
      'Invite an acquaintance to a specific low-key plan, like a coffee, a walk or a lunch break together. Turning "we should hang out sometime" into a real plan is how acquaintances become friends, whatever their answer this time.',
    difficulty: 'advanced',
    category: 'social_skills',
    points: 40,
    timeEstimate: '5 minutes to ask, 1 hour to meet',
    tips: [
      'Suggest a specific day and place',
      'Make it easy to say no: "No worries if you\'re busy!"',
      'A "no" is about their schedule, not your worth',
    ],
  },

  // --- group_social ---
  {
    key: 'reply-in-a-group-chat',
    title: 'Reply in a Group Chat',
    description:
      'Add one message to a group chat or server channel you usually only read, like answering a question or reacting to someone\'s news. Small contributions make you a familiar name in the group without the pressure of speaking live.',
    difficulty: 'beginner',
    category: 'group_social',
    points: 10,
    timeEstimate: '2-5 minutes',
    tips: [
      'Reply to something recent so it fits the flow',
      '"Congrats!" or "That looks great" counts',
      'Let it be; you do not need to check for replies every minute',
    ],
  },
  {
    key: 'post-in-an-online-community',
    title: 'Share Something in an Online Community',
    description:
      'Post a question, a photo or a short thought in an online community about something you enjoy. Shared interests give you an easy starting point, and typing lets you say things just the way you mean them.',
    difficulty: 'beginner',
    category: 'group_social',
    points: 15,
    timeEstimate: '10 minutes',
    tips: [
      'Read the community rules first',
      'Questions tend to get friendly replies',
      'Any response, even one, is a connection',
    ],
  },
  {
    key: 'ask-the-group-a-question',
    title: 'Ask the Group a Question',
    description:
      'In a meeting, class or group hangout, ask one question out loud to the whole group. Questions are one of the easiest ways to speak up, because they invite others in rather than putting you on the spot.',
    difficulty: 'intermediate',
    category: 'group_social',
    points: 20,
    timeEstimate: '5-15 minutes',
    tips: [
      'Prepare your question while others are talking',
      'Wait for a natural pause',
      'Someone else probably wanted to ask it too',
    ],
  },
  {
    key: 'host-a-small-get-together',
    title: 'Host a Small Get-Together',
    description:
      'Invite two or three people for a simple activity you choose, like a board game, a movie or a picnic. Hosting lets you set the pace and the setting, so you can socialise in a way that feels comfortable to you.',
    difficulty: 'advanced',
    category: 'group_social',
    points: 50,
    timeEstimate: '1-3 hours',
    tips: [
      'Choose an activity so there is always something to do',
      'Keep it small and give it an end time',
      'Snacks from a shop are perfectly fine',
    ],
  },

  // --- assertiveness ---
  {
    key: 'state-a-small-preference',
    title: 'State a Small Preference',
    description:
      'Next time someone asks "Where do you want to eat?" or "What should we watch?", give a real answer instead of "I don\'t mind." Your preferences matter, and sharing small ones builds the habit for bigger ones.',
    difficulty: 'beginner',
    category: 'assertiveness',
    points: 10,
    timeEstimate: '1 minute',
    tips: [
      'Have one or two favourites in mind ahead of time',
      'Try "I\'d love..." or "I\'m in the mood for..."',
      'It is okay if the group picks something else in the end',
    ],
  },
  {
    key: 'ask-a-clarifying-question',
    title: 'Ask a Clarifying Question',
    description:
      'When something is unclear, in class, at work or in a message, ask about it instead of guessing. Asking shows you care about getting things right, and it is far less noticeable than it feels.',
    difficulty: 'beginner',
    category: 'assertiveness',
    points: 15,
    timeEstimate: '2-5 minutes',
    tips: [
      'Try "Just to check, do you mean...?"',
      'A written question by message or email counts',
      'Skip the apology; a simple question is enough',
    ],
  },
  {
    key: 'say-no-without-over-explaining',
    title: 'Say No Without Over-Explaining',
    description:
      'Say no to one small request, like an extra task or an invitation you do not want, with one short, kind sentence and no long justification. Protecting your time and energy is healthy, and people respect a clear answer.',
    difficulty: 'intermediate',
    category: 'assertiveness',
    points: 25,
    timeEstimate: '2-5 minutes',
    tips: [
      'Try "Thanks for asking, but I can\'t this time."',
      'One reason is enough, and none is also fine',
      'Feeling a bit uncomfortable afterwards is normal and passes',
    ],
  },
  {
    key: 'point-out-a-small-mistake',
    title: 'Politely Point Out a Small Mistake',
    description:
      'If your order, bill or change is wrong, calmly mention it and ask for it to be fixed. Speaking up for small things you are entitled to builds quiet confidence, and staff fix mix-ups like this every day.',
    difficulty: 'intermediate',
    category: 'assertiveness',
    points: 20,
    timeEstimate: '2-5 minutes',
    tips: [
      'Keep it neutral: "I think there\'s a small mix-up."',
      'Say what you expected: "I ordered the oat latte."',
      'A friendly tone gets friendly help',
    ],
  },
  {
    key: 'share-a-different-opinion',
    title: 'Share a Different Opinion Kindly',
    description:
      'When you see something differently in a conversation, share your view calmly, like "I see it a bit differently, actually." Disagreeing kindly shows others who you really are, and good relationships have room for it.',
    difficulty: 'advanced',
    category: 'assertiveness',
    points: 40,
    timeEstimate: '5-10 minutes',
    tips: [
      'Start with a low-stakes topic like a film or food',
      'Acknowledge their point first',
      'You do not need to win; just let your view be heard',
    ],
  },

  // --- vulnerability ---
  {
    key: 'share-something-you-enjoy',
    title: 'Share Something You Love',
    description:
      'Tell someone, in person or by message, about a song, show, book or hobby you really enjoy and why. Letting people see what lights you up is a small, safe step toward being known.',
    difficulty: 'beginner',
    category: 'vulnerability',
    points: 10,
    timeEstimate: '5 minutes',
    tips: [
      'Add one line on why you like it',
      'Sending a link with a short note counts',
      'Their taste may differ, and that is fine',
    ],
  },
  {
    key: 'accept-help-or-a-compliment',
    title: 'Accept Help or a Compliment Gracefully',
    description:
      'The next time someone offers help or a compliment, say "Thank you" instead of brushing it off. Letting kindness in is a quiet form of openness, and it makes giving kindness feel good for the other person too.',
    difficulty: 'beginner',
    category: 'vulnerability',
    points: 15,
    timeEstimate: '1 minute',
    tips: [
      'Stop after "Thank you"; no "oh, it was nothing"',
      'A smile says the rest',
      'Notice how it feels afterwards',
    ],
  },
  {
    key: 'share-an-honest-feeling',
    title: 'Share One Honest Feeling With a Friend',
    description:
      'Tell a friend how you really feel about something, like "I\'ve been a bit stressed this week" or "I was really happy you called." Naming a real feeling invites closeness, and friends often open up in return.',
    difficulty: 'intermediate',
    category: 'vulnerability',
    points: 25,
    timeEstimate: '5-15 minutes',
    tips: [
      'Start with a small, everyday feeling',
      'Use "I feel..." rather than explaining everything',
      'A message works if saying it out loud feels too big',
    ],
  },
  {
    key: 'ask-for-help',
    title: 'Ask for Help With Something Small',
    description:
      'Ask someone for help with a small thing, like directions, a quick favour or advice on a decision. Most people like being asked, and accepting help is a normal part of connection, not a burden.',
    difficulty: 'intermediate',
    category: 'vulnerability',
    points: 20,
    timeEstimate: '5-10 minutes',
    tips: [
      'Be clear about what you need',
      'Make it easy to say no',
      'Thank them, whatever the outcome',
    ],
  },
  {
    key: 'share-your-confidence-journey',
    title: 'Tell Someone You Are Working on Confidence',
    description:
      'Tell one trusted person that you are practising feeling more at ease socially, and maybe one thing you have tried. Saying it out loud takes away some of the secrecy, and it lets people cheer you on.',
    difficulty: 'advanced',
    category: 'vulnerability',
    points: 40,
    timeEstimate: '10-20 minutes',
    tips: [
      'Choose someone who has been kind to you before',
      'Keep it light: "I\'m working on being braver with people."',
      'Share only what you are comfortable sharing',
    ],
  },

  // --- events ---
  {
    key: 'find-one-local-event',
    title: 'Find One Event That Interests You',
    description:
      'Spend a few minutes browsing local listings, a library noticeboard or a meetup site and save one event that sounds fun. Choosing without committing yet takes the rush out of it and makes the next step easier.',
    difficulty: 'beginner',
    category: 'events',
    points: 10,
    timeEstimate: '10-15 minutes',
    tips: [
      'Look for events built around an activity, like crafts, games or walks',
      'Small or beginner-friendly events are a great start',
      'Save the date in your calendar',
    ],
  },
  {
    key: 'rsvp-to-an-event',
    title: 'RSVP Yes to an Event',
    description:
      'Say yes to one invitation or sign up for one event, online or in person. Committing ahead of time turns "maybe someday" into a real plan, and you can still be gentle with yourself on the day.',
    difficulty: 'beginner',
    category: 'events',
    points: 15,
    timeEstimate: '5 minutes',
    tips: [
      'Pick something within easy reach of home',
      'Check the start time and how to get there',
      'Tell a friend you are going if it helps',
    ],
  },
  {
    key: 'stay-for-twenty-minutes',
    title: 'Arrive at an Event and Stay for 20 Minutes',
    description:
      'Go to an event and stay for at least 20 minutes, even if you mostly look around. Anxiety usually peaks in the first few minutes and then settles, and staying lets you discover that for yourself.',
    difficulty: 'intermediate',
    category: 'events',
    points: 25,
    timeEstimate: '20-30 minutes plus travel',
    tips: [
      'Arrive a little early, when rooms are quieter',
      'Get a drink or find the snacks to give your hands a job',
      'Leaving after 20 minutes is a full success',
    ],
  },
  {
    key: 'attend-a-class-or-workshop',
    title: 'Attend a Class or Workshop',
    description:
      'Go to a one-off class or workshop, like pottery, cooking, dance or a library talk. A shared activity gives everyone something to focus on, so conversation can come up naturally or not at all.',
    difficulty: 'intermediate',
    category: 'events',
    points: 30,
    timeEstimate: '1-2 hours',
    tips: [
      'Beginner-level sessions expect people to be new',
      'Asking the person next to you about the task is an easy opener',
      'You are there to try, not to be good at it',
    ],
  },
  {
    key: 'talk-to-someone-at-an-event',
    title: 'Talk to One New Person at an Event',
    description:
      'At an event, start a short chat with one person you have not met, then move on whenever you like. One real conversation is enough to turn a room of strangers into a place where you know someone.',
    difficulty: 'advanced',
    category: 'events',
    points: 40,
    timeEstimate: '30-60 minutes',
    tips: [
      'People standing alone are often glad to be approached',
      'Try "What brings you here?"',
      '"Nice to meet you, I\'m going to grab a drink" is a kind exit',
    ],
  },
  {
    key: 'go-to-an-event-solo',
    title: 'Go to an Event on Your Own',
    description:
      'Attend an event by yourself, without a friend to stick with. Going alone makes you more approachable and shows you that you can handle new spaces on your own terms.',
    difficulty: 'advanced',
    category: 'events',
    points: 50,
    timeEstimate: '1-2 hours',
    tips: [
      'Choose an event with a clear activity or schedule',
      'Plan your way home before you go',
      'Decide on a minimum time to stay, then anything extra is a bonus',
    ],
  },

  // --- networking ---
  {
    key: 'write-a-two-sentence-intro',
    title: 'Write and Practise a Two-Sentence Intro',
    description:
      'Write two sentences about who you are and what you are into right now, then say them out loud a few times. Having an intro ready means "So, what do you do?" will not catch you off guard.',
    difficulty: 'beginner',
    category: 'networking',
    points: 10,
    timeEstimate: '10 minutes',
    tips: [
      'Sentence one: what you do; sentence two: what you enjoy',
      'End with a question you can turn back to them',
      'Practise in front of a mirror or record a voice note',
    ],
  },
  {
    key: 'send-a-connection-note',
    title: 'Send a Connection Request With a Note',
    description:
      'Send a connection request on a professional site or community to someone whose work interests you, with a short personal note. Online first contact gives you time to find the right words and makes future conversations easier.',
    difficulty: 'beginner',
    category: 'networking',
    points: 15,
    timeEstimate: '10 minutes',
    tips: [
      'Mention what caught your interest',
      'Keep it to two or three sentences',
      'Not everyone replies, and that is normal',
    ],
  },
  {
    key: 'ask-a-colleague-about-their-work',
    title: 'Ask a Colleague or Classmate About Their Work',
    description:
      'Ask a coworker or classmate what they are working on and what they enjoy about it. People like talking about their work, and curiosity builds professional relationships without any formal networking.',
    difficulty: 'intermediate',
    category: 'networking',
    points: 20,
    timeEstimate: '5-15 minutes',
    tips: [
      'Try "What are you working on at the moment?"',
      'Ask what the best part of it is',
      'A chat in the kitchen or on a break is perfect',
    ],
  },
  {
    key: 'follow-up-after-meeting',
    title: 'Follow Up With Someone You Met',
    description:
      'Within a few days of meeting someone, send a short message like "Great to meet you on Tuesday, I enjoyed hearing about your garden." A follow-up turns a one-off meeting into the start of a connection.',
    difficulty: 'intermediate',
    category: 'networking',
    points: 25,
    timeEstimate: '5-10 minutes',
    tips: [
      'Mention one detail from your conversation',
      'Add a link or resource if you talked about one',
      'A late follow-up is still better than none',
    ],
  },
  {
    key: 'request-an-informational-chat',
    title: 'Ask Someone for a 20-Minute Chat About Their Path',
    description:
      'Ask someone in a field or hobby you are curious about for a short call or coffee to hear how they got started. People are often happy to share their story, and you leave with advice and a new contact.',
    difficulty: 'advanced',
    category: 'networking',
    points: 45,
    timeEstimate: '20-30 minutes',
    tips: [
      'Ask for a specific, short amount of time',
      'Prepare three questions in advance',
      'Send a thank-you message afterwards',
    ],
  },

  // --- self_compassion ---
  {
    key: 'note-one-thing-that-went-well',
    title: 'Notice One Thing That Went Well',
    description:
      'After any social moment today, write down one thing that went well, however small, like "I said hi first." Anxious minds replay the awkward bits, so deliberately noticing the good parts gives you a fairer picture.',
    difficulty: 'beginner',
    category: 'self_compassion',
    points: 10,
    timeEstimate: '2-5 minutes',
    tips: [
      'Tiny wins count: showing up is a win',
      'Write it in your journal so you can look back later',
      'Be as specific as you can',
    ],
  },
  {
    key: 'write-yourself-a-kind-note',
    title: 'Write Yourself a Kind Note',
    description:
      'Write a few lines to yourself the way a good friend would, about something social you found hard this week. Talking to yourself kindly makes it easier to try again than criticising yourself does.',
    difficulty: 'beginner',
    category: 'self_compassion',
    points: 10,
    timeEstimate: '5-10 minutes',
    tips: [
      'Ask: "What would I say to a friend here?"',
      'Acknowledge that it was hard',
      'End with one encouraging sentence',
    ],
  },
  {
    key: 'reframe-a-harsh-thought',
    title: 'Reframe One Harsh Thought',
    description:
      'When you catch yourself thinking something like "I sounded so stupid," write it down and then write a kinder, more balanced version next to it. Practising this loosens the grip of the after-conversation replay.',
    difficulty: 'intermediate',
    category: 'self_compassion',
    points: 20,
    timeEstimate: '5-10 minutes',
    tips: [
      'Ask: "Would anyone else even remember this?"',
      'Balanced beats forced-positive: "It was a bit awkward, and that\'s okay."',
      'Notice how your body feels after the kinder version',
    ],
  },
  {
    key: 'plan-a-recharge-break',
    title: 'Plan a Guilt-Free Recharge Break',
    description:
      'Before or after a social plan, schedule some quiet time to recharge, like a walk, a bath or an episode of a favourite show. Rest is part of building confidence, not a step backwards.',
    difficulty: 'intermediate',
    category: 'self_compassion',
    points: 20,
    timeEstimate: '30-60 minutes',
    tips: [
      'Put it in your calendar like any other plan',
      'Choose something that genuinely restores you',
      'No need to justify it to anyone, including yourself',
    ],
  },
  {
    key: 'try-something-imperfectly',
    title: 'Try Something New and Be a Beginner',
    description:
      'Do something new in front of others where you will not be good at first, like a dance class, karaoke or a pickup game. Letting yourself be imperfect in public shows you that mistakes are survivable and often fun.',
    difficulty: 'advanced',
    category: 'self_compassion',
    points: 40,
    timeEstimate: '1-2 hours',
    tips: [
      'Pick something labelled for beginners',
      'Decide beforehand that laughing at yourself is allowed',
      'Celebrate showing up, not the result',
    ],
  },
];

export const ACHIEVEMENTS: readonly AchievementSeed[] = [
  // --- Achievements from the original seed (text kept verbatim) ---
  {
    key: 'first-steps',
    title: 'First Steps',
    description: 'Write your first journal entry',
    icon: '📝',
    category: 'journaling',
    requirements: { journal_entries: 1 },
    pointsReward: 50,
  },
  {
    key: 'consistent-writer',
    title: 'Consistent Writer',
    description: 'Journal for 7 days in a row',
    icon: '🔥',
    category: 'journaling',
    requirements: { streak_days: 7 },
    pointsReward: 100,
  },
  {
    key: 'social-butterfly',
    title: 'Social Butterfly',
    description: 'Attend 5 social events',
    icon: '🦋',
    category: 'events',
    requirements: { events_attended: 5 },
    pointsReward: 200,
  },
  {
    key: 'conversation-starter',
    title: 'Conversation Starter',
    description: 'Complete 10 conversation missions',
    icon: '💬',
    category: 'missions',
    requirements: { conversation_missions: 10 },
    pointsReward: 150,
  },

  // --- journaling ---
  {
    key: 'story-keeper',
    title: 'Story Keeper',
    description: 'Write 30 journal entries. That is a lot of moments noticed and remembered.',
    icon: '📚',
    category: 'journaling',
    requirements: { journal_entries: 30 },
    pointsReward: 200,
  },

  // --- streaks ---
  {
    key: 'warming-up',
    title: 'Warming Up',
    description: 'Journal on 3 days in a row. A small rhythm is starting to form.',
    icon: '✨',
    category: 'streaks',
    requirements: { streak_days: 3 },
    pointsReward: 50,
  },
  {
    key: 'steady-glow',
    title: 'Steady Glow',
    description: 'Reach a 30-day journaling run at any point. Yours to keep, even if you take a break afterwards.',
    icon: '🌟',
    category: 'streaks',
    requirements: { streak_days: 30 },
    pointsReward: 300,
  },

  // --- missions ---
  {
    key: 'first-mission',
    title: 'Brave Beginning',
    description: 'Complete your first mission. Every bigger step starts with one small one.',
    icon: '🌱',
    category: 'missions',
    requirements: { missions_completed: 1 },
    pointsReward: 50,
  },
  {
    key: 'finding-your-footing',
    title: 'Finding Your Footing',
    description: 'Complete 5 missions of any kind.',
    icon: '👣',
    category: 'missions',
    requirements: { missions_completed: 5 },
    pointsReward: 100,
  },
  {
    key: 'quietly-unstoppable',
    title: 'Quietly Unstoppable',
    description: 'Complete 25 missions. Look how far you have come, one small step at a time.',
    icon: '🏅',
    category: 'missions',
    requirements: { missions_completed: 25 },
    pointsReward: 300,
  },
  {
    key: 'gentle-strength',
    title: 'Gentle Strength',
    description: 'Complete 4 assertiveness missions. Your needs and opinions deserve space.',
    icon: '🦁',
    category: 'missions',
    requirements: { assertiveness_missions: 4 },
    pointsReward: 150,
  },
  {
    key: 'open-heart',
    title: 'Open Heart',
    description: 'Complete 3 vulnerability missions. Letting people in takes real courage.',
    icon: '💛',
    category: 'missions',
    requirements: { vulnerability_missions: 3 },
    pointsReward: 150,
  },
  {
    key: 'part-of-the-circle',
    title: 'Part of the Circle',
    description: 'Complete 4 group missions, from group chats to group conversations.',
    icon: '👥',
    category: 'missions',
    requirements: { group_social_missions: 4 },
    pointsReward: 150,
  },
  {
    key: 'bridge-builder',
    title: 'Bridge Builder',
    description: 'Complete 4 networking missions and grow your circle of connections.',
    icon: '🔗',
    category: 'missions',
    requirements: { networking_missions: 4 },
    pointsReward: 150,
  },
  {
    key: 'own-best-friend',
    title: 'Your Own Best Friend',
    description: 'Complete 4 self-compassion missions. Being kind to yourself is a skill, and you are practising it.',
    icon: '🌷',
    category: 'missions',
    requirements: { self_compassion_missions: 4 },
    pointsReward: 150,
  },
  {
    key: 'well-rounded',
    title: 'Well Rounded',
    description: 'Complete 10 missions, write 10 journal entries and log your mood 10 times.',
    icon: '🧩',
    category: 'missions',
    requirements: { missions_completed: 10, journal_entries: 10, mood_logs: 10 },
    pointsReward: 250,
  },

  // --- events ---
  {
    key: 'showed-up',
    title: 'Showed Up',
    description: 'Attend your first event. Walking through the door is the hardest part, and you did it.',
    icon: '🎟️',
    category: 'events',
    requirements: { events_attended: 1 },
    pointsReward: 75,
  },
  {
    key: 'familiar-face',
    title: 'Familiar Face',
    description: 'Attend 10 events. New places are becoming a little more like home.',
    icon: '🎉',
    category: 'events',
    requirements: { events_attended: 10 },
    pointsReward: 300,
  },

  // --- mood ---
  {
    key: 'checking-in',
    title: 'Checking In',
    description: 'Log your mood for the first time. Noticing how you feel is a kind thing to do.',
    icon: '🌤️',
    category: 'mood',
    requirements: { mood_logs: 1 },
    pointsReward: 25,
  },
  {
    key: 'weather-watcher',
    title: 'Weather Watcher',
    description: 'Log your mood 14 times and start to see your own patterns.',
    icon: '🌈',
    category: 'mood',
    requirements: { mood_logs: 14 },
    pointsReward: 100,
  },

  // --- goals ---
  {
    key: 'goal-reached',
    title: 'Goal Reached',
    description: 'Complete your first goal. You set an intention and followed through.',
    icon: '🎯',
    category: 'goals',
    requirements: { goals_completed: 1 },
    pointsReward: 75,
  },
  {
    key: 'follow-through',
    title: 'Follow-Through',
    description: 'Complete 5 goals. You keep showing up for yourself.',
    icon: '🏆',
    category: 'goals',
    requirements: { goals_completed: 5 },
    pointsReward: 200,
  },

  // --- coaching ---
  {
    key: 'talking-it-through',
    title: 'Talking It Through',
    description: 'Have your first session with the coach. Asking for support is a strength.',
    icon: '🧭',
    category: 'coaching',
    requirements: { coach_sessions: 1 },
    pointsReward: 50,
  },
  {
    key: 'reflective-mind',
    title: 'Reflective Mind',
    description: 'Have 5 coach sessions to plan, reflect and prepare.',
    icon: '🤝',
    category: 'coaching',
    requirements: { coach_sessions: 5 },
    pointsReward: 100,
  },
];
