/// Passwords and phrases so widely used that any guessing attack tries them first, written
/// down for the vault's passphrase check (`VaultPassphrasePolicy`): lower case, without spaces
/// or punctuation, with digits and symbols at either end removed and look-alike digits read as
/// letters — the form a candidate is reduced to before it is looked up. Kept short on purpose:
/// the patterns in the policy (one character, a keyboard run, a repeated unit, only digits)
/// catch the rest of what such lists hold.
enum CommonPassphrases {
  static let words = Set<String>([
    // The perennial top of every breach list.
    "password", "passwort", "motdepasse", "contrasena", "senha", "wachtwoord", "salasana", "haslo",
    "passw", "pass", "passwd", "passcode", "passphrase", "mypassword", "newpassword", "oldpassword",
    "yourpassword", "thepassword", "secret", "secretpassword", "topsecret", "supersecret", "mysecret",
    "letmein", "letmeinplease", "welcome", "welcomehome", "welcomeback", "hello", "helloworld",
    "hellothere", "iloveyou", "iloveu", "loveyou", "lovely", "loveme", "ilovemyself", "trustno",
    "trustnoone", "nobody", "changeme", "changeit", "default", "defaultpassword", "temp", "temppass",
    "temporary", "guest", "guestuser", "test", "testing", "testtest", "tester", "demo", "sample",
    "example", "login", "logon", "signin", "access", "accessgranted", "opensesame", "openup",
    "master", "masterkey", "masterpassword", "admin", "administrator", "adminadmin", "root", "rootroot",
    "toor", "superuser", "sysadmin", "system", "manager", "operator", "helpdesk", "support", "service",
    "servicedesk", "office", "company", "business", "computer", "internet", "network", "server",
    "database", "security", "secure", "private", "privacy", "vault", "token", "tokenburner", "keepout",
    "whatever", "nothing", "something", "anything", "everything", "forever", "always", "never",
    "iforgot", "forgotten", "dontknow", "idontknow", "noidea", "unknown", "blank", "empty",
    // Phrases people believe are clever.
    "correcthorsebatterystaple", "correcthorse", "thequickbrownfoxjumpsoverthelazydog",
    "thequickbrownfox", "loremipsum", "loremipsumdolorsitamet", "tobeornottobe", "maytheforcebewithyou",
    "iamtheone", "iamgod", "godisgood", "jesuschrist", "jesus", "christ", "blessed", "heaven", "angel",
    "whoami", "troubador", "troubadour", "youshallnotpass", "winteriscoming", "thisisapassword", "thisismypassword", "mypass",
    "ihateyou", "fuckyou", "fuckoff", "letitbe", "hakunamatata", "carpediem", "justdoit", "nopassword",
    // Keyboard and alphabet shapes the run check does not see.
    "qwerty", "qwertz", "azerty", "asdf", "asdfjkl", "qazwsx", "qweasd", "qweasdzxc", "zaqxsw", "zaq",
    "qaz", "wsx", "abc", "abcd", "abcde", "abcdef", "abcabc", "aaa", "xyz", "zxc", "qwe", "asd",
    // Names of pets, heroes and idols.
    "monkey", "dragon", "shadow", "master", "sunshine", "princess", "princesa", "football", "baseball",
    "basketball", "soccer", "hockey", "superman", "batman", "spiderman", "ironman", "pokemon", "pikachu",
    "starwars", "startrek", "matrix", "mustang", "ferrari", "porsche", "mercedes", "corvette", "harley",
    "michael", "jennifer", "jordan", "daniel", "jessica", "charlie", "robert", "thomas", "hunter",
    "ashley", "michelle", "nicole", "andrew", "joshua", "matthew", "anthony", "william", "george",
    "maggie", "buster", "ginger", "tigger", "pepper", "cookie", "snoopy", "mickey", "minnie", "garfield",
    "killer", "freedom", "liberty", "justice", "ranger", "soldier", "warrior", "knight", "wizard",
    "merlin", "gandalf", "phoenix", "tiger", "lion", "eagle", "falcon", "wolf", "bear", "panther",
    "cheese", "chocolate", "banana", "orange", "apple", "cherry", "strawberry", "coffee", "pizza",
    "summer", "winter", "spring", "autumn", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december", "monday", "friday", "sunday", "weekend",
    "flower", "rainbow", "butterfly", "diamond", "silver", "golden", "purple", "yellow", "blue", "green",
    "black", "white", "red", "love", "lovers", "baby", "babygirl", "babyboy", "sweetheart", "sweetie",
    "honey", "darling", "family", "friends", "bestfriend", "money", "cash", "rich", "success", "winner",
    "victory", "champion", "lucky", "luckyme", "magic", "mystery", "secret", "zombie", "ninja", "pirate",
    "rockstar", "rocknroll", "music", "guitar", "metallica", "nirvana", "beatles", "elvis", "madonna",
    "london", "paris", "berlin", "newyork", "chicago", "boston", "dallas", "zurich", "geneva", "sydney",
    "america", "england", "germany", "france", "canada", "australia", "switzerland", "europe",
    "microsoft", "windows", "linux", "ubuntu", "debian", "apple", "iphone", "android", "google",
    "facebook", "twitter", "instagram", "youtube", "amazon", "netflix", "samsung", "nokia", "cisco",
    "oracle", "atlassian", "jira", "confluence", "office", "outlook", "hotmail", "gmail", "yahoo",
  ])
}
