//! Word lists the synthetic people and places are drawn from.
//!
//! Names are common given names and surnames of many origins, combined at random, so no
//! generated person is anyone in particular. Streets are invented; the city and ZIP pairs
//! are real central-Texas places so addresses look right on a claim form.

/// Female given names.
pub const FEMALE_FIRST: &str = "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy
Betty Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Dorothy Rebecca
Sharon Laura Cynthia Amy Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole Samantha Katherine Christine Helen
Debra Rachel Carolyn Janet Maria Catherine Heather Diane Olivia Julie Joyce Victoria Ruth Virginia Lauren Kelly
Christina Joan Evelyn Judith Andrea Hannah Megan Cheryl Jacqueline Martha Madison Teresa Gloria Sara Janice Ann
Kathryn Abigail Sophia Frances Jean Alice Judy Isabella Julia Grace Amber Denise Danielle Marilyn Beverly Charlotte
Natalie Theresa Diana Brittany Doris Kayla Alexis Lori Marie Guadalupe Rosa Carmen Lucia Ximena Valentina Camila
Sofia Daniela Gabriela Alejandra Mariana Leticia Yolanda Esperanza Graciela Adriana Fernanda Paola Mei Lin Hana
Yuki Aiko Min-Ji Seo-Yeon Priya Ananya Kavya Deepa Sunita Lakshmi Aisha Fatima Zainab Amara Nia Imani Ngozi Abena
Chiamaka Thi Linh Mai Anh Ngoc Leila Yasmin Noor Dalia Ingrid Astrid Freya Siobhan Niamh Aoife Keiko Ayesha Leah
Miriam Esther Naomi Tamar Zoe Chloe Aubrey Harper Avery Riley Nora Hazel Violet Aurora Savannah Brooklyn Paisley";

/// Male given names.
pub const MALE_FIRST: &str = "James Robert John Michael David William Richard Joseph Thomas Christopher Charles
Daniel Matthew Anthony Mark Donald Steven Andrew Paul Joshua Kenneth Kevin Brian George Timothy Ronald Jason Edward
Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander
Patrick Frank Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan
Jeremy Walter Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan Jesse Bryan
Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Mason Roy Ralph Bobby Russell
Bradley Philip Eugene Luis Carlos Miguel Alejandro Diego Javier Mateo Santiago Ricardo Eduardo Fernando Jorge
Rafael Emilio Andres Hector Ramon Arturo Wei Jun Hiroshi Kenji Takeshi Min-Jun Ji-Ho Arjun Rohan Vikram Sanjay
Rahul Amit Omar Ahmed Hassan Yusuf Tariq Kwame Kofi Chinedu Emeka Oluwaseun Tunde Duc Minh Quang Huy Bao Anders
Lars Sven Liam Declan Cormac Finn Eamon Ravi Ibrahim Malik Jamal Darnell Terrence Andre Marcus Isaiah Caleb Levi
Owen Wyatt Hudson Lincoln Everett Silas Jasper Theo Rowan Ezra Micah Elias";

/// Surnames.
pub const LAST: &str = "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart
Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox
Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes
Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno
West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson
Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black
Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto
Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley
Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins
Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios
Estrada Ortega Watkins Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson
Austin Dominguez Carr Lawson Jacobs Obrien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey Williamson
Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le Pham Huynh Vo Dang Bui Do Ho Ngo Duong Wang Zhang Liu Yang
Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Lin Kumar Shah Mehta Reddy Rao Iyer Gupta Sharma Desai Joshi Nair Choi Park
Kang Cho Yoon Jang Lim Han Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Okafor Okonkwo Adeyemi
Mensah Asante Boateng Mwangi Otieno Haddad Khoury Nasser Saleh Rahman Hussain Khan Ali Cohen Levy Friedman Katz
Goldberg Schwartz Novak Kowalski Nowak Wojcik Petrov Ivanov Sokolov Popescu Horvath Nielsen Lindqvist Johansson
Eriksson Larsen Berg O'Brien O'Connor O'Neill McCarthy Gallagher Doyle Byrne Quinn Fitzgerald Garcia-Lopez
Martinez-Ruiz Smith-Jones Delacruz Villanueva Castaneda Quintero Zamora Cardenas Trevino Saenz Villarreal Cantu";

/// Invented street names.
pub const STREETS: &str = "Oak Elm Cedar Pecan Mesquite Willow Juniper Bluebonnet Magnolia Sycamore Live-Oak
Cypress Hackberry Redbud Sage Yucca Agave Limestone Granite Flint Quartz Caliche Riverbend Creekside Hillcrest
Meadowlark Cardinal Mockingbird Roadrunner Heron Kestrel Falcon Sparrow Bluejay Wren Prairie Canyon Mesa Ridgeview
Lakeshore Brushy-Creek Spring-Hollow Deer-Trail Fox-Run Bison Longhorn Saddle Spur Wagon-Wheel Lantern Harvest
Orchard Vineyard Windmill Bramble Thistle Clover Primrose Larkspur Goldenrod Indigo";

/// Street kinds, as USPS abbreviates them.
pub const STREET_KINDS: [&str; 9] = ["St", "Ave", "Dr", "Ln", "Rd", "Blvd", "Ct", "Trl", "Way"];

/// Real central-Texas city and ZIP code pairs.
pub const CITIES: [(&str, &str); 32] = [
    ("Austin", "78701"),
    ("Austin", "78702"),
    ("Austin", "78703"),
    ("Austin", "78704"),
    ("Austin", "78705"),
    ("Austin", "78721"),
    ("Austin", "78723"),
    ("Austin", "78727"),
    ("Austin", "78731"),
    ("Austin", "78741"),
    ("Austin", "78744"),
    ("Austin", "78745"),
    ("Austin", "78748"),
    ("Austin", "78749"),
    ("Austin", "78750"),
    ("Austin", "78753"),
    ("Austin", "78757"),
    ("Austin", "78758"),
    ("Round Rock", "78664"),
    ("Round Rock", "78681"),
    ("Pflugerville", "78660"),
    ("Cedar Park", "78613"),
    ("Leander", "78641"),
    ("Georgetown", "78626"),
    ("Georgetown", "78628"),
    ("Hutto", "78634"),
    ("Manor", "78653"),
    ("Kyle", "78640"),
    ("Buda", "78610"),
    ("San Marcos", "78666"),
    ("Lakeway", "78734"),
    ("Dripping Springs", "78620"),
];

/// Invented employers, for group names on commercial policies.
pub const EMPLOYERS: [&str; 16] = [
    "Hill Country Builders",
    "Capital Metro Logistics",
    "Pecan Street Software",
    "Bluebonnet School District",
    "Lakeline Retail Group",
    "Colorado River Credit Union",
    "Balcones Engineering",
    "Travis Heights Bakery Co",
    "Barton Creek Hospitality",
    "Onion Creek Landscaping",
    "Lone Star Semiconductor",
    "Riverside Auto Group",
    "Mueller Street Media",
    "Shoal Creek Insurance Agency",
    "Cedar Valley Manufacturing",
    "Walnut Creek Dental Lab",
];

/// Splits one of the word lists above.
pub fn words(list: &'static str) -> Vec<&'static str> {
    list.split_whitespace().collect()
}

/// Street names are written with dashes above so they stay one word; shown with spaces.
pub fn street_name(word: &str) -> String {
    word.replace('-', " ")
}
