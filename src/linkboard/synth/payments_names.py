"""The names a payments world is written with: account holders, the fictional banks that keep
the accounts, employers, and merchants with their ISO 18245 merchant category codes. Every
business here is invented (no real bank, shop, site or platform), except the mainstream
advertising platforms a small business boosts its posts on (``AD_PLATFORMS``), written as card
statements name them: a look-alike is only fair if it pays the platforms a real shop pays.
Holder names are common first names and surnames drawn at random, no real person's.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_NAMES = tuple(
    """Aaliyah Adrian Aisha Alan Alicia Amber Andre Angela Anita Arturo Beatriz Brandon Brenda
    Bryce Camila Carl Carmen Cedric Chloe Clara Colin Crystal Dale Dana Darius Deborah Derek
    Diana Dominic Elena Elijah Elise Emil Erica Ernesto Esther Evan Fatima Felix Fiona Gavin
    Gloria Grant Hannah Hector Helen Ian Imani Irene Ivan Jacob Jada Jamal Janet Jasmine Javier
    Joan Joel Jordan Julia Kara Keith Kendra Kevin Lana Leon Lila Lorenzo Lucia Luis Mara Marco
    Megan Miguel Mina Monica Nadia Nathan Nina Noah Olga Omar Paige Pedro Priya Quentin Rachel
    Rafael Renee Ricardo Rita Ronan Rosa Ruth Samir Sandra Selena Simon Sofia Tamara Terrence
    Tessa Theo Tina Trevor Valerie Victor Wendy Wesley Xavier Yara Yusuf Zane Zoe""".split()
)
SURNAMES = tuple(
    """Abbott Acosta Aldana Alvarez Archer Ashby Baird Barrera Beaumont Bellamy Benton Blake
    Bowers Brandt Caldera Calloway Campos Carver Castell Chandler Coleman Corbin Crane Dalton
    Danforth Delgado Dorsey Duarte Easton Ellery Esparza Farrow Fenwick Fischer Flores Garland
    Gentry Granger Haskins Hadley Hollis Ibarra Jarrett Kendrick Kessler Lachance Landry Larkin
    Lattimore Lowell Maddox Marsh Medina Mercer Monroe Nakamura Navarro Norwood Oakley Ochoa
    Orozco Pacheco Padgett Pruitt Quill Ramsey Redding Rios Rowan Salcedo Sandoval Shelby
    Sorensen Stroud Tate Thorne Trujillo Upton Valdez Vance Varga Wakefield Whitlock Winslow
    Yates Yoder Zamora Zeller""".split()
)


@dataclass(frozen=True, slots=True)
class Bank:
    name: str
    country: str
    bank_code: str  # fictional: no real bank has it
    bic: str


#: The fictional banks that keep the world's accounts.
BANKS = (
    Bank("Lanternfield Bank", "GB", "ZZZZ999999", "ZZZZGB2LXXX"),
    Bank("Juniper Commons Bank", "DE", "99999999", "ZZZZDEFFXXX"),
)
#: The fictional bank of every counterparty account outside the world (landlords, suppliers,
#: wire beneficiaries).
OUTSIDE = Bank("Oakmere Savings", "NL", "ZZZZ", "ZZZZNL2AXXX")

EMPLOYERS = (
    "KESTREL TOOLWORKS",
    "RIVERBEND LOGISTICS",
    "BLUEFERN SCHOOL DISTRICT",
    "CASCADIA PLASTICS",
    "MAPLEGROVE COUNTY",
    "SUNDIAL INSURANCE GROUP",
    "HALCYON FOODS",
    "GRANITE PEAK BUILDERS",
)
HOSPITALS = ("MERCY VALE HOSPITAL", "ST. ORRIN MEDICAL CENTER")
LANDLORDS = ("ELMSTEAD PROPERTIES", "CORVID APARTMENTS", "TALLGRASS HOMES LLC")
UTILITIES = ("CITYLINE POWER", "AQUAVALE WATER", "SKYWIRE MOBILE")
GIG_PLATFORM = "RIDEWAVE DRIVER PAY"
P2P_TRANSFER = "P2P APP TRANSFER"
BARS = ("THE GILDED TAP", "HARBORLIGHT TAVERN", "NIGHTJAR LOUNGE", "OWL HOUR DINER")
SUPPLIERS = ("HALCYON FOODS", "CASCADIA PLASTICS", "BULKBARN WHOLESALE", "TIDEWELL PRODUCE")
PAYROLL_SERVICE = "LEDGERLY PAYROLL SVC"
CARD_SETTLEMENT = "TILLPOINT MERCHANT SETTLEMENT"
MORTGAGE = "HEARTHSTONE MORTGAGE"
#: Mainstream advertising platforms as card statements name them ({n}: the statement's own
#: reference), and the web address written for each.
AD_PLATFORMS = (
    ("FACEBK *{n}", "facebook.com"),
    ("GOOGLE *ADS{n}", "ads.google.com"),
    ("YELP ADS", "biz.yelp.com"),
    ("NEXTDOOR ADS", "nextdoor.com"),
)
#: Generic billing descriptors of high-risk processors that bill for adult-ad sites, of the
#: kinds ``payments/data/lists/high_risk_processors.yaml`` describes ({n}: a reference).
AD_BILLERS = (
    "ADULT BILLING*{n}",
    "AD BILLING SVCS",
    "MEDIA BILLING SERVICES",
    "AD BILLING SUPPORT",
)

#: Merchants by kind: (name, MCC). MCC meanings (ISO 18245): 4121 taxis and rideshares,
#: 5251 hardware, 5300 wholesale clubs, 5411 grocery stores, 5499 convenience stores,
#: 5541 service stations, 5733 music stores and musical instruments, 5812 restaurants,
#: 5814 fast food, 5912 drug stores and pharmacies, 5943 office supplies, 6011 ATM cash,
#: 6051 quasi-cash / virtual currency, 7011 lodging, 7311 advertising services, 7394 equipment
#: rental, 7513 truck and van rental, 7922 theatrical producers and ticket agencies (a venue).
MERCHANTS: dict[str, tuple[tuple[str, str], ...]] = {
    "grocery": (("FRESHWAY MARKET", "5411"), ("GREENBASKET FOODS", "5411")),
    "wholesale": (("BULKBARN WHOLESALE", "5300"),),
    "allnight": (("ALLNITE MART", "5499"), ("FUELSTOP 24", "5541"), ("OWL HOUR DINER", "5812")),
    "gas": (("FUELSTOP 24", "5541"), ("PRAIRIE GAS", "5541")),
    "restaurant": (("COPPER KETTLE GRILL", "5812"), ("LANTERN NOODLE HOUSE", "5812")),
    "fastfood": (("BURGER BARN", "5814"), ("TACO TOWNE", "5814"), ("CLUCK SHACK", "5814")),
    "pharmacy": (("PINEHOLLOW PHARMACY", "5912"), ("CORNERCARE DRUG", "5912")),
    "hotel": (
        ("BLUE PINE INN", "7011"),
        ("CEDAR COURT HOTEL", "7011"),
        ("TRAVELREST MOTOR INN", "7011"),
        ("SUMMIT STAY SUITES", "7011"),
    ),
    "ride": (("RIDEWAVE *TRIP", "4121"), ("ZIPCAB", "4121")),
    "office": (("PAPERTRAIL OFFICE SUPPLY", "5943"),),
    "crypto": (("COINHARBOR*BTC", "6051"),),
    "classifieds": (("CLASSIFIEDPOST*ADS", "7311"),),
    "hardware": (("IRONWOOD HARDWARE", "5251"),),
    "music": (("STRINGLINE MUSIC SUPPLY", "5733"), ("FRETWORKS GUITAR CO", "5733")),
    "gear": (("BACKLINE RENTALS CO", "7394"), ("ROADRUNNER VAN RENTAL", "7513")),
    "venue": (
        ("RED DOOR HALL", "7922"),
        ("LANTERN ROOM LIVE", "7922"),
        ("THE BOILERHOUSE", "7922"),
    ),
}
#: Where an online merchant's statement line puts a city: its web address.
ONLINE = {"COINHARBOR*BTC": "coinharbor.example", "CLASSIFIEDPOST*ADS": "classifiedpost.example"}
ATM = ("ATM WITHDRAWAL", "6011")
