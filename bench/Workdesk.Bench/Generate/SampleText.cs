namespace Workdesk.Bench.Generate;

/// <summary>Word lists for titles, names and reasons, so generated records read like real ones.</summary>
internal static class SampleText
{
    public static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Carla", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas",
        "Kemal", "Lena", "Marta", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara",
    ];

    public static readonly string[] LastNames =
    [
        "Silva", "Novak", "Okafor", "Schmidt", "Tanaka", "Rossi", "Haddad", "Kowalski", "Larsen", "Moreau",
        "Nguyen", "Petrov", "Quispe", "Reyes", "Sato", "Torres", "Varga", "Weber", "Yilmaz", "Zhang",
    ];

    public static readonly string[] TimeZones =
    [
        "Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago", "Asia/Singapore", "Australia/Sydney",
    ];

    /// <summary>Asset kind, its work order category, and the problems reported on it.</summary>
    public static readonly (string Category, string AssetKind, string[] Problems)[] Trades =
    [
        ("HVAC", "Fan coil unit", ["Room too hot", "No heating", "Noisy fan", "Filter replacement", "Thermostat not responding"]),
        ("HVAC", "Air handling unit", ["Belt slipping", "Low airflow", "Alarm on the control panel"]),
        ("Plumbing", "Water heater", ["No hot water", "Leaking valve", "Pressure too low"]),
        ("Plumbing", "Washbasin", ["Leaking tap", "Blocked drain", "Toilet not flushing"]),
        ("Electrical", "Distribution board", ["Breaker keeps tripping", "Socket without power", "Burning smell"]),
        ("Lighting", "Light fitting", ["Lamp out", "Flickering light", "Emergency light test failed"]),
        ("Elevator", "Passenger lift", ["Lift stuck between floors", "Door does not close", "Annual safety inspection"]),
        ("Fire safety", "Fire door", ["Door does not latch", "Closer broken", "Smoke detector chirping"]),
        ("Doors and locks", "Access control reader", ["Badge rejected", "Lock jammed", "Door held open alarm"]),
        ("Cleaning", "Floor area", ["Spill to clean up", "Bins overflowing", "Window cleaning"]),
    ];

    public static readonly string[] Makes = ["Carrier", "Daikin", "Trane", "Siemens", "Schneider", "Otis", "Kone", "Grohe", "Philips", "Assa Abloy"];

    public static readonly string[] HoldReasons =
    [
        "Waiting for parts from the supplier.",
        "Waiting for the vendor to schedule a visit.",
        "The room is in use until next week.",
    ];

    public static readonly string[] CancelReasons =
    [
        "Duplicate of another work order.",
        "The requester solved it.",
        "No longer needed after the refurbishment.",
    ];

    public static readonly string[] ReopenReasons =
    [
        "The problem came back two days later.",
        "The work was not finished.",
    ];

    public static readonly string[] Descriptions =
    [
        "Reported by an occupant through the front desk. Please check and report back.",
        "Seen during the weekly walk-through. Access through the main corridor.",
        "Second report this month. Check whether the part needs replacing.",
        "Key is at the reception. Call before entering the room.",
    ];

    /// <summary>Parts that comments name, often with a make, such as "Grohe valve".</summary>
    public static readonly string[] Parts =
    [
        "valve", "filter", "door", "sensor", "breaker", "belt", "gasket", "bearing", "ballast", "thermostat",
        "fuse", "seal", "motor", "pump", "hinge", "cartridge",
    ];

    /// <summary>
    /// Comment bodies: {make}, {part} and {number} are filled in. {number} in a purchase order is
    /// six digits, so that searching for one finds few comments.
    /// </summary>
    public static readonly string[] Comments =
    [
        "Checked on site: the {part} needs replacing.",
        "Ordered a new {make} {part}, PO-{number}.",
        "Replaced the {part} and tested it, works again.",
        "No access, the room was locked. Will come back tomorrow.",
        "Compressor noise from the {make} unit, the {part} looks worn.",
        "Waiting for the {make} technician to confirm the {part} model.",
        "Requester confirmed that the problem is solved.",
        "Meter reading {number} before the repair.",
    ];
}
