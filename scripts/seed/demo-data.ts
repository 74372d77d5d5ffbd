/**
 * The demo workspace's people and conversations: realistic enough that a first look at Parley shows
 * what a working inbox feels like. Times are minutes before the moment of seeding.
 */
export type DemoMessage = {
  from: "contact" | "admin" | "sam" | "jordan";
  minutesAgo: number;
  text: string;
  private?: boolean;
};

export type DemoConversation = {
  contact: { name: string; email?: string; city: string; browser: string; os: string; referer: string };
  status: "open" | "pending" | "resolved" | "snoozed";
  priority?: "low" | "medium" | "high" | "urgent";
  assignee?: "admin" | "sam" | "jordan";
  messages: DemoMessage[];
};

export const demoAgents = [
  { key: "sam", name: "Sam Rivera", email: "sam@example.com" },
  { key: "jordan", name: "Jordan Lee", email: "jordan@example.com" },
] as const;

export const demoConversations: DemoConversation[] = [
  {
    contact: { name: "Emma Wilson", email: "emma.wilson@example.net", city: "Leeds", browser: "Firefox 133", os: "Windows 11", referer: "https://shop.example.com/checkout" },
    status: "open",
    priority: "high",
    messages: [
      { from: "contact", minutesAgo: 14, text: "Hi! My card was charged twice for order #4821. Can you help?" },
      { from: "contact", minutesAgo: 12, text: "I can send a screenshot of the bank statement if that helps." },
    ],
  },
  {
    contact: { name: "Lucas Martin", email: "lucas.martin@example.org", city: "Lyon", browser: "Safari 18", os: "macOS 15", referer: "https://shop.example.com/pricing" },
    status: "open",
    assignee: "sam",
    messages: [
      { from: "contact", minutesAgo: 95, text: "Do you offer an annual plan for teams of 12?" },
      { from: "sam", minutesAgo: 88, text: "Hi Lucas! Yes — annual billing saves 20%. For 12 seats that's the Team plan; want me to send a quote?" },
      { from: "contact", minutesAgo: 80, text: "Yes please, to this email address." },
      { from: "sam", minutesAgo: 78, text: "Quote requested from billing, they usually answer within the hour.", private: true },
    ],
  },
  {
    contact: { name: "Priya Shah", email: "priya@example.com", city: "Pune", browser: "Chrome 131", os: "Android 15", referer: "https://shop.example.com/help/returns" },
    status: "pending",
    priority: "medium",
    assignee: "jordan",
    messages: [
      { from: "contact", minutesAgo: 300, text: "The return label you emailed me doesn't scan at the post office." },
      { from: "jordan", minutesAgo: 290, text: "Sorry about that, Priya. I've asked our courier for a fresh label — I'll send it over as soon as it arrives." },
    ],
  },
  {
    contact: { name: "Noah Kim", city: "Seoul", browser: "Chrome 131", os: "macOS 15", referer: "https://shop.example.com/" },
    status: "open",
    messages: [{ from: "contact", minutesAgo: 3, text: "hello, is anyone there? the discount code SPRING25 says expired" }],
  },
  {
    contact: { name: "Olivia Brown", email: "olivia.brown@example.net", city: "Austin", browser: "Edge 131", os: "Windows 11", referer: "https://shop.example.com/account" },
    status: "resolved",
    assignee: "admin",
    messages: [
      { from: "contact", minutesAgo: 1500, text: "How do I change the email address on my account?" },
      { from: "admin", minutesAgo: 1490, text: "Go to Account → Profile → Email, confirm the new address from your inbox, and you're done." },
      { from: "contact", minutesAgo: 1485, text: "Done, thank you!" },
    ],
  },
  {
    contact: { name: "Mateo García", email: "mateo.garcia@example.com", city: "Madrid", browser: "Firefox 133", os: "Ubuntu 24.04", referer: "https://shop.example.com/orders" },
    status: "snoozed",
    assignee: "sam",
    messages: [
      { from: "contact", minutesAgo: 720, text: "My parcel is stuck in customs. Anything you can do?" },
      { from: "sam", minutesAgo: 700, text: "I've opened a trace with the courier; I'll check back with you tomorrow morning." },
    ],
  },
];
