/**
 * Vocabulary for realistic support-chat text in English and Russian (bench:search): whole
 * sentences of the kind customers and agents write, with the inflected forms a stemmer has to fold
 * ("orders", "ordered"; "заказ", "заказы", "заказа", "заказом"), numbers, and names for contacts.
 * generate-data.ts draws from these arrays in SQL with a skew towards the first entries, so some
 * words are common (thousands of messages) and others rare, as in real text.
 */
export const ENGLISH_WORDS = [
  "order", "please", "thanks", "help", "delivery", "refund", "account", "payment", "package", "today",
  "orders", "ordered", "shipping", "invoice", "password", "login", "address", "tracking", "number", "card",
  "refunded", "refunds", "delivered", "delivering", "cancel", "cancelled", "subscription", "discount", "coupon", "price",
  "broken", "damaged", "missing", "wrong", "late", "return", "returned", "exchange", "size", "colour",
  "email", "phone", "support", "manager", "weekend", "tomorrow", "yesterday", "week", "month", "receipt",
  "checkout", "basket", "warehouse", "courier", "parcel", "label", "store", "website", "app", "update",
  "charged", "twice", "bank", "transfer", "voucher", "gift", "warranty", "repair", "replacement", "battery",
  "screen", "laptop", "headphones", "charger", "cable", "printer", "camera", "keyboard", "jacket", "shoes",
  "billing", "plan", "upgrade", "downgrade", "trial", "renewal", "error", "message", "crash", "slow",
];

export const RUSSIAN_WORDS = [
  "заказ", "пожалуйста", "спасибо", "помогите", "доставка", "возврат", "аккаунт", "оплата", "посылка", "сегодня",
  "заказы", "заказа", "заказом", "заказал", "доставки", "доставку", "доставили", "деньги", "карта", "картой",
  "возврата", "вернуть", "вернули", "отменить", "отменили", "подписка", "подписку", "скидка", "скидку", "цена",
  "сломан", "повреждена", "потерялась", "неправильный", "опоздание", "обмен", "размер", "цвет", "почта", "телефон",
  "поддержка", "менеджер", "выходные", "завтра", "вчера", "неделю", "месяц", "чек", "корзина", "склад",
  "курьер", "курьера", "трек", "номер", "магазин", "сайт", "приложение", "обновление", "списали", "дважды",
  "банк", "перевод", "купон", "подарок", "гарантия", "ремонт", "замена", "батарея", "экран", "ноутбук",
  "наушники", "зарядка", "кабель", "принтер", "камера", "клавиатура", "куртка", "ботинки", "счёт", "тариф",
  "ошибка", "сообщение", "пароль", "вход", "адрес", "адреса", "пункт", "выдачи", "оформить", "когда",
];

export const ENGLISH_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen"];
export const ENGLISH_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin"];
export const RUSSIAN_FIRST = ["Иван", "Мария", "Алексей", "Анна", "Дмитрий", "Елена", "Сергей", "Ольга", "Андрей", "Наталья", "Михаил", "Татьяна", "Никита", "Ирина", "Павел", "Светлана", "Артём", "Юлия", "Максим", "Екатерина"];
export const RUSSIAN_LAST = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев"];
/** Latin spellings of RUSSIAN_FIRST/LAST for the e-mail addresses of Russian-speaking contacts. */
export const RUSSIAN_FIRST_LATIN = ["ivan", "maria", "alexey", "anna", "dmitry", "elena", "sergey", "olga", "andrey", "natalia", "mikhail", "tatiana", "nikita", "irina", "pavel", "svetlana", "artem", "julia", "maxim", "ekaterina"];
export const RUSSIAN_LAST_LATIN = ["ivanov", "smirnov", "kuznetsov", "popov", "vasiliev", "petrov", "sokolov", "mikhailov", "novikov", "fedorov", "morozov", "volkov", "alekseev", "lebedev", "semenov", "egorov", "pavlov", "kozlov", "stepanov", "nikolaev"];
